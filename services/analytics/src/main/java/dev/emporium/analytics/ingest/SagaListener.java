package dev.emporium.analytics.ingest;

import dev.emporium.analytics.ingest.SagaEvents.OrderCancelled;
import dev.emporium.analytics.ingest.SagaEvents.OrderStep;
import dev.emporium.analytics.ingest.SagaEvents.Payment;
import dev.emporium.platform.events.envelope.CloudEventCodec;
import dev.emporium.platform.events.envelope.IncomingEvent;
import dev.emporium.platform.events.envelope.MalformedEventException;
import dev.emporium.platform.events.inbox.Inbox;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;

/**
 * Reads every topic of the order saga into the aggregates. Each event runs through the inbox (one
 * transaction with the record of its id), so a redelivered event counts once. The saga's own types
 * that no aggregate needs are passed over; a type the service does not know at all (a newer
 * producer, a typo) is counted in {@code skipped_events} and
 * {@code emporium_analytics_events_skipped_total}, and never stops the consumer. A known event
 * whose data is unusable (no order id, a payment without amount) is a poison message: it goes to
 * the topic's dead-letter topic at once.
 */
@Component
class SagaListener {

  private static final Logger log = LoggerFactory.getLogger(SagaListener.class);
  static final String SKIP_UNKNOWN = "analytics.skip-unknown";
  static final int MAX_ID_LENGTH = 100;
  static final int MAX_TYPE_LENGTH = 200;

  /** The funnel's steps other than payment and cancellation, by the event type that reports each. */
  static final Map<String, SagaStep> STEPS = Map.of(
      "OrderCreated", SagaStep.CREATED,
      "InventoryReserved", SagaStep.RESERVED,
      "ShipmentCreated", SagaStep.SHIPPED,
      "OrderCompleted", SagaStep.COMPLETED);

  /** Types of the saga (docs/events.md) that no aggregate counts: known, so not "skipped". */
  static final Set<String> NOT_COUNTED = Set.of("PaymentFailed", "InventoryInsufficient", "InventoryReleased",
      "ShipmentFailed", "ShipmentCancelled", "ShipmentDispatched", "ShipmentDelivered");

  private final Inbox inbox;
  private final CloudEventCodec codec;
  private final Recorder recorder;
  private final MeterRegistry meters;

  SagaListener(Inbox inbox, CloudEventCodec codec, Recorder recorder, MeterRegistry meters) {
    this.inbox = inbox;
    this.codec = codec;
    this.recorder = recorder;
    this.meters = meters;
  }

  @KafkaListener(id = "analytics.saga", groupId = "${emporium.analytics.consumer-group}",
      topics = {"${emporium.analytics.order-topic}", "${emporium.analytics.payment-topic}",
          "${emporium.analytics.inventory-topic}", "${emporium.analytics.shipping-topic}"},
      concurrency = "${emporium.analytics.listener-concurrency:3}")
  void on(ConsumerRecord<String, byte[]> record) {
    IncomingEvent event = codec.read(record);
    String type = event.type();
    SagaStep step = STEPS.get(type);
    if (step != null) {
      inbox.process(consumer(type), event, e -> {
        OrderStep data = data(e, OrderStep.class);
        recorder.step(orderId(e, data.orderId()), step, when(e, data.occurredAt()));
      });
    } else if ("OrderCancelled".equals(type)) {
      inbox.process(consumer(type), event, e -> {
        OrderCancelled data = data(e, OrderCancelled.class);
        String reason = data.reason() == null || data.reason().isBlank() ? "unspecified" : cut(data.reason(), 100);
        recorder.cancelled(orderId(e, data.orderId()), reason, when(e, data.occurredAt()));
      });
    } else if ("PaymentProcessed".equals(type) || "PaymentRefunded".equals(type)) {
      inbox.process(consumer(type), event, e -> {
        Payment payment = data(e, Payment.class);
        String orderId = orderId(e, payment.orderId());
        String paymentId = id(e, "paymentId", payment.paymentId());
        BigDecimal amount = amount(e, payment.amount());
        String currency = currency(e, payment.currency());
        Instant at = when(e, payment.occurredAt());
        if ("PaymentProcessed".equals(type)) {
          recorder.paid(orderId, paymentId, amount, currency, at);
        } else {
          recorder.refunded(orderId, paymentId, amount, currency, at);
        }
      });
    } else if (!NOT_COUNTED.contains(type)) {
      String counted = cut(type, MAX_TYPE_LENGTH);
      boolean first = inbox.process(SKIP_UNKNOWN, event, e -> recorder.skipped(e.topic(), counted, Instant.now()));
      if (first) {
        skippedCounter(event.topic()).increment();
        log.warn("{} is of a type this service does not know; counted and skipped", event);
      }
    }
  }

  private Counter skippedCounter(String topic) {
    return Counter.builder("emporium.analytics.events.skipped")
        .description("Events of types the analytics service does not know, counted and skipped")
        .tag("topic", topic).register(meters);
  }

  /** One inbox consumer per type: each handler processes an event once. */
  static String consumer(String type) {
    return "analytics." + type;
  }

  private static String orderId(IncomingEvent event, @Nullable String orderId) {
    return id(event, "orderId", orderId);
  }

  private static String id(IncomingEvent event, String field, @Nullable String value) {
    if (value == null || value.isBlank() || value.length() > MAX_ID_LENGTH) {
      throw malformed(event, "names no " + field + " of 1 to " + MAX_ID_LENGTH + " characters");
    }
    return value;
  }

  private static BigDecimal amount(IncomingEvent event, @Nullable BigDecimal amount) {
    if (amount == null || amount.signum() < 0 || amount.precision() - amount.scale() > 15 || amount.scale() > 4) {
      throw malformed(event, "has no amount of at least 0 with at most 15 digits and 4 decimals");
    }
    return amount;
  }

  private static String currency(IncomingEvent event, @Nullable String currency) {
    if (currency == null || !currency.matches("[A-Z]{3}")) {
      throw malformed(event, "has no ISO 4217 currency");
    }
    return currency;
  }

  /** When it happened: the event's own occurredAt, else its CloudEvents time. */
  private static Instant when(IncomingEvent event, @Nullable Instant occurredAt) {
    if (occurredAt != null) {
      return occurredAt;
    }
    if (event.time() == null) {
      throw malformed(event, "says neither in occurredAt nor in its time when it happened");
    }
    return event.time().toInstant();
  }

  private static String cut(String text, int length) {
    return text.length() > length ? text.substring(0, length) : text;
  }

  private static <T> T data(IncomingEvent event, Class<T> type) {
    try {
      return event.data(type);
    } catch (JacksonException e) {
      throw new MalformedEventException(event + " has unreadable data: " + e.getOriginalMessage(), e);
    }
  }

  private static MalformedEventException malformed(IncomingEvent event, String what) {
    return new MalformedEventException(event + " " + what, null);
  }
}
