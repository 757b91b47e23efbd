package dev.emporium.payment.events;

import dev.emporium.payment.PaymentProperties;
import dev.emporium.payment.events.PaymentEvent.PaymentFailed;
import dev.emporium.payment.events.PaymentEvent.PaymentProcessed;
import dev.emporium.payment.events.PaymentEvent.PaymentRefunded;
import dev.emporium.payment.payments.FailureReason;
import dev.emporium.payment.payments.Payment;
import dev.emporium.platform.events.outbox.Outbox;
import java.math.BigDecimal;
import java.time.Instant;
import org.springframework.stereotype.Component;

/** Writes payment events to the outbox, in the transaction of the change they report. */
@Component
public class PaymentEvents {

  /** The schemas' limit of {@code detail} and {@code reason}; longer texts are cut. */
  static final int MAX_TEXT = 500;
  /** The schema's limit of {@code declineCode}. */
  static final int MAX_DECLINE_CODE = 100;

  private final Outbox outbox;
  private final String topic;

  PaymentEvents(Outbox outbox, PaymentProperties properties) {
    this.outbox = outbox;
    this.topic = properties.topic();
  }

  public void processed(Payment payment, Instant at) {
    outbox.append(topic, new PaymentProcessed(payment.orderId(), payment.userId(), payment.paymentId().toString(),
        payment.items().stream().map(i -> new PaymentEvent.Item(i.productId(), i.quantity())).toList(),
        payment.amount(), payment.currency(), at));
  }

  public void failed(Payment payment, FailureReason reason, String declineCode, String detail, Instant at) {
    outbox.append(topic, new PaymentFailed(payment.orderId(), payment.userId(), reason.code(),
        declineCode == null || declineCode.length() <= MAX_DECLINE_CODE ? declineCode : declineCode.substring(0, MAX_DECLINE_CODE),
        cut(detail), at));
  }

  public void refunded(Payment payment, BigDecimal amount, Instant at) {
    outbox.append(topic, new PaymentRefunded(payment.orderId(), payment.userId(), payment.paymentId().toString(),
        amount, payment.currency(), cut(payment.cancelReason() == null ? "" : payment.cancelReason()), at));
  }

  private static String cut(String text) {
    return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT);
  }
}
