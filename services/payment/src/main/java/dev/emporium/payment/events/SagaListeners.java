package dev.emporium.payment.events;

import dev.emporium.payment.payments.Payment;
import dev.emporium.payment.payments.PaymentDetails;
import dev.emporium.payment.payments.Payments;
import dev.emporium.platform.events.envelope.CloudEventCodec;
import dev.emporium.platform.events.envelope.IncomingEvent;
import dev.emporium.platform.events.envelope.MalformedEventException;
import dev.emporium.platform.events.inbox.Inbox;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;

/**
 * The payment's part of the order saga: records a payment on {@code OrderCreated} and compensates on
 * {@code OrderCancelled}. Both only write to the database, through the inbox (one transaction with
 * the record of the event id, so a redelivered event changes nothing); the processor is called by the
 * charger afterwards, so a slow processor never holds a partition. Other event types on the topic
 * are not this service's business and are skipped before the inbox.
 */
@Component
class SagaListeners {

  static final String RECORD = "payment.record-order";
  static final String CANCEL = "payment.compensate-cancellation";
  private static final int MAX_ORDER_ID = 100;
  private static final int MAX_USER_ID = 255;

  private final Inbox inbox;
  private final CloudEventCodec codec;
  private final Payments payments;

  SagaListeners(Inbox inbox, CloudEventCodec codec, Payments payments) {
    this.inbox = inbox;
    this.codec = codec;
    this.payments = payments;
  }

  @KafkaListener(id = "payment.order-events", topics = "${emporium.payment.order-topic}",
      groupId = "${emporium.payment.consumer-group}", concurrency = "${emporium.payment.listener-concurrency:3}")
  void onOrder(ConsumerRecord<String, byte[]> record) {
    IncomingEvent event = codec.read(record);
    switch (event.type()) {
      case "OrderCreated" -> inbox.process(RECORD, event, e -> {
        OrderCreated order = data(e, OrderCreated.class);
        requireIds(e, order.orderId(), order.userId());
        List<Payment.Item> items = order.items() == null ? List.of() : order.items().stream()
            .map(i -> new Payment.Item(i.productId(), i.quantity() == null ? 0 : i.quantity())).toList();
        OrderCreated.Money total = order.total();
        payments.record(order.orderId(), order.userId(), new PaymentDetails(total == null ? null : total.amount(),
            total == null ? null : total.currency(), order.paymentMethod(), items));
      });
      case "OrderCancelled" -> inbox.process(CANCEL, event, e -> {
        OrderCancelled cancelled = data(e, OrderCancelled.class);
        requireIds(e, cancelled.orderId(), cancelled.userId());
        payments.cancel(cancelled.orderId(), cancelled.userId(),
            cancelled.reason() == null || cancelled.reason().isBlank() ? "cancelled" : cancelled.reason());
      });
      default -> { }
    }
  }

  /** An event naming no order or no user cannot be acted on: a poison message, sent to the dead-letter topic. */
  private static void requireIds(IncomingEvent event, String orderId, String userId) {
    if (orderId == null || orderId.isBlank() || orderId.length() > MAX_ORDER_ID) {
      throw new MalformedEventException(event + " names no orderId of 1 to " + MAX_ORDER_ID + " characters", null);
    }
    if (userId == null || userId.isBlank() || userId.length() > MAX_USER_ID) {
      throw new MalformedEventException(event + " names no userId of 1 to " + MAX_USER_ID + " characters", null);
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
