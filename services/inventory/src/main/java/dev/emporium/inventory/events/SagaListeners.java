package dev.emporium.inventory.events;

import dev.emporium.inventory.stock.Inventory;
import dev.emporium.inventory.stock.InvalidReservationException;
import dev.emporium.inventory.stock.OrderLine;
import dev.emporium.inventory.stock.ReserveStock;
import dev.emporium.platform.events.envelope.CloudEventCodec;
import dev.emporium.platform.events.envelope.IncomingEvent;
import dev.emporium.platform.events.envelope.MalformedEventException;
import dev.emporium.platform.events.inbox.Inbox;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;

/**
 * The inventory's part of the order saga: reserves a paid order's stock on {@code PaymentProcessed}
 * and releases it on {@code OrderCancelled}. Each effect runs through the inbox, in one transaction
 * with the record of the event id, so a redelivered event changes nothing. Other event types on
 * these topics are not this service's business and are skipped before the inbox.
 */
@Component
class SagaListeners {

  static final String RESERVE = "inventory.reserve-on-payment";
  static final String RELEASE = "inventory.release-on-cancellation";

  private final Inbox inbox;
  private final CloudEventCodec codec;
  private final Inventory inventory;

  SagaListeners(Inbox inbox, CloudEventCodec codec, Inventory inventory) {
    this.inbox = inbox;
    this.codec = codec;
    this.inventory = inventory;
  }

  @KafkaListener(id = RESERVE, topics = "${emporium.inventory.payment-topic}",
      groupId = "${emporium.inventory.consumer-group}", concurrency = "${emporium.inventory.listener-concurrency:3}")
  void onPayment(ConsumerRecord<String, byte[]> record) {
    IncomingEvent event = codec.read(record);
    if ("PaymentProcessed".equals(event.type())) {
      inbox.process(RESERVE, event, e -> {
        try {
          inventory.reserve(command(e));
        } catch (InvalidReservationException invalid) {
          throw new MalformedEventException(e + " cannot be reserved: " + invalid.getMessage(), invalid);
        }
      });
    }
  }

  @KafkaListener(id = RELEASE, topics = "${emporium.inventory.order-topic}",
      groupId = "${emporium.inventory.consumer-group}", concurrency = "${emporium.inventory.listener-concurrency:3}")
  void onOrder(ConsumerRecord<String, byte[]> record) {
    IncomingEvent event = codec.read(record);
    if ("OrderCancelled".equals(event.type())) {
      inbox.process(RELEASE, event, e -> {
        OrderCancelled cancelled = data(e, OrderCancelled.class);
        if (cancelled.orderId() == null || cancelled.orderId().isBlank() || cancelled.orderId().length() > 100) {
          throw new MalformedEventException(e + " names no orderId of 1 to 100 characters", null);
        }
        inventory.release(cancelled.orderId(), cancelled.reason() == null ? "" : cancelled.reason());
      });
    }
  }

  /**
   * The reservation a payment asks for. A payment that cannot be read or breaks the reservation
   * rules is a poison message: it goes to the dead-letter topic without retries.
   */
  private static ReserveStock command(IncomingEvent event) {
    PaymentProcessed payment = data(event, PaymentProcessed.class);
    List<OrderLine> lines = payment.items() == null ? List.of() : payment.items().stream()
        .map(item -> new OrderLine(productId(item.productId()), item.quantity() == null ? 0 : item.quantity()))
        .toList();
    return new ReserveStock(payment.orderId(), lines);
  }

  private static UUID productId(String value) {
    try {
      return value == null ? null : UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw new InvalidReservationException("productId " + value + " is not a UUID");
    }
  }

  private static <T> T data(IncomingEvent event, Class<T> type) {
    try {
      return event.data(type);
    } catch (JacksonException e) {
      throw new MalformedEventException(event + " has unreadable data: " + e.getOriginalMessage(), e);
    }
  }
}
