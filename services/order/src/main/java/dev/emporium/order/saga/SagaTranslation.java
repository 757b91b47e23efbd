package dev.emporium.order.saga;

import dev.emporium.order.order.CancellationReason;
import dev.emporium.order.order.SagaEvent;
import dev.emporium.order.order.SagaEvent.Compensated;
import dev.emporium.order.order.SagaEvent.StepFailed;
import dev.emporium.order.order.SagaEvent.StepSucceeded;
import dev.emporium.order.order.SagaStep;
import dev.emporium.order.saga.SagaData.AboutOrder;
import dev.emporium.platform.events.envelope.IncomingEvent;
import dev.emporium.platform.events.envelope.MalformedEventException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

/**
 * Reads another service's saga event into what it means for the order ({@link SagaEvent}). An event
 * that cannot mean anything (unreadable data, no order id, a shipment without tracking number) is a
 * poison message: {@link MalformedEventException} sends it to the dead-letter topic at once.
 */
final class SagaTranslation {

  /** An order and what happened to it. */
  record Translated(UUID orderId, SagaEvent event) {}

  private SagaTranslation() {}

  /** The event of a type this service reacts to; empty for other types on the topic. */
  static Optional<Translated> translate(IncomingEvent event) {
    return Optional.ofNullable(switch (event.type()) {
      case "PaymentProcessed" -> {
        var p = data(event, SagaData.PaymentProcessed.class);
        yield of(event, p, new StepSucceeded(SagaStep.PAYMENT, at(event, p),
            "payment " + p.paymentId() + ": " + amount(p.amount(), p.currency()), null));
      }
      case "PaymentFailed" -> {
        var p = data(event, SagaData.PaymentFailed.class);
        CancellationReason reason = "card-declined".equals(p.reason())
            ? CancellationReason.PAYMENT_DECLINED : CancellationReason.PAYMENT_FAILED;
        yield of(event, p, new StepFailed(SagaStep.PAYMENT, at(event, p), reason,
            join(p.reason(), p.declineCode(), p.detail())));
      }
      case "PaymentRefunded" -> {
        var p = data(event, SagaData.PaymentRefunded.class);
        yield of(event, p, new Compensated("payment-refunded", at(event, p), "refund of "
            + amount(p.amount(), p.currency()) + " for payment " + p.paymentId() + ": " + p.reason()));
      }
      case "InventoryReserved" -> {
        var r = data(event, SagaData.InventoryReserved.class);
        yield of(event, r, new StepSucceeded(SagaStep.INVENTORY, at(event, r), lines(r.lines()), null));
      }
      case "InventoryInsufficient" -> {
        var r = data(event, SagaData.InventoryInsufficient.class);
        String shortages = r.shortages() == null ? "" : r.shortages().stream().filter(Objects::nonNull)
            .map(s -> s.productId() + " (requested " + s.requested() + ", available " + s.available() + ")")
            .collect(Collectors.joining(", "));
        yield of(event, r, new StepFailed(SagaStep.INVENTORY, at(event, r), CancellationReason.INSUFFICIENT_STOCK,
            shortages.isEmpty() ? null : "short: " + shortages));
      }
      case "InventoryReleased" -> {
        var r = data(event, SagaData.InventoryReleased.class);
        yield of(event, r, new Compensated("inventory-released", at(event, r),
            join(lines(r.lines()), r.reason())));
      }
      case "ShipmentCreated" -> {
        var s = data(event, SagaData.ShipmentCreated.class);
        if (s.trackingNumber() == null || s.trackingNumber().isBlank() || s.trackingNumber().length() > 100) {
          throw new MalformedEventException(event + " has no trackingNumber of 1 to 100 characters", null);
        }
        yield of(event, s, new StepSucceeded(SagaStep.SHIPMENT, at(event, s),
            join(s.carrier(), s.trackingNumber(), s.shipmentId() == null ? null : "shipment " + s.shipmentId()),
            s.trackingNumber()));
      }
      case "ShipmentFailed" -> {
        var s = data(event, SagaData.ShipmentFailed.class);
        yield of(event, s, new StepFailed(SagaStep.SHIPMENT, at(event, s), CancellationReason.SHIPMENT_FAILED,
            join(s.reason(), s.detail())));
      }
      case "ShipmentCancelled" -> {
        var s = data(event, SagaData.ShipmentCancelled.class);
        yield of(event, s, new Compensated("shipment-cancelled", at(event, s),
            join("shipment " + s.shipmentId(), s.reason())));
      }
      default -> null;
    });
  }

  private static Translated of(IncomingEvent event, AboutOrder data, SagaEvent meaning) {
    String id = data.orderId();
    try {
      return new Translated(UUID.fromString(Objects.requireNonNull(id)), meaning);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new MalformedEventException(event + " names no order id of this service (" + id + ")", e);
    }
  }

  private static Instant at(IncomingEvent event, AboutOrder data) {
    if (data.occurredAt() != null) {
      return data.occurredAt();
    }
    return event.time() != null ? event.time().toInstant() : Instant.now();
  }

  private static <T> T data(IncomingEvent event, Class<T> type) {
    try {
      return event.data(type);
    } catch (JacksonException e) {
      throw new MalformedEventException(event + " has unreadable data: " + e.getOriginalMessage(), e);
    }
  }

  private static String amount(java.math.@Nullable BigDecimal amount, @Nullable String currency) {
    return (amount == null ? "?" : amount.toPlainString()) + " " + (currency == null ? "" : currency);
  }

  private static @Nullable String lines(@Nullable List<SagaData.Line> lines) {
    if (lines == null || lines.isEmpty()) {
      return null;
    }
    return lines.stream().filter(Objects::nonNull)
        .map(l -> l.quantity() + " x " + l.productId() + " from " + l.warehouse())
        .collect(Collectors.joining(", "));
  }

  private static @Nullable String join(@Nullable String... parts) {
    String joined = java.util.Arrays.stream(parts).filter(p -> p != null && !p.isBlank())
        .collect(Collectors.joining(": "));
    return joined.isEmpty() ? null : joined;
  }
}
