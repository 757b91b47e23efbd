package dev.emporium.notification.events;

import dev.emporium.notification.events.SagaEvents.Item;
import dev.emporium.notification.events.SagaEvents.Money;
import dev.emporium.notification.events.SagaEvents.OrderCancelled;
import dev.emporium.notification.events.SagaEvents.OrderCreated;
import dev.emporium.notification.events.SagaEvents.PaymentProcessed;
import dev.emporium.notification.events.SagaEvents.ShipmentCreated;
import dev.emporium.notification.job.Notice;
import dev.emporium.notification.job.NoticeKind;
import dev.emporium.platform.events.envelope.IncomingEvent;
import dev.emporium.platform.events.envelope.MalformedEventException;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

/**
 * Reads a saga event into the {@link Notice} its user is told about. An event that lacks what its
 * notice needs (an order id, a user id, the type's own facts) is a poison message: it goes to the
 * dead-letter topic without retries.
 */
final class Notices {

  /** Bounds what an event can make the service hold and render. */
  static final int MAX_ID_LENGTH = 100;
  static final int MAX_TEXT_LENGTH = 500;
  static final int MAX_LINES = 50;

  private Notices() {}

  static Notice from(IncomingEvent event, NoticeKind kind) {
    String id = event.id();
    String source = event.source().toString();
    Instant now = event.time() == null ? Instant.now() : event.time().toInstant();
    return switch (kind) {
      case ORDER_CREATED -> {
        OrderCreated e = data(event, OrderCreated.class);
        List<Item> items = e.items() == null ? List.of() : e.items();
        if (items.size() > MAX_LINES) {
          throw malformed(event, "has more than " + MAX_LINES + " items");
        }
        yield new Notice(id, source, kind, required(event, "userId", e.userId()), required(event, "orderId", e.orderId()),
            money(event, "total", e.total()), items.stream().map(item -> line(event, item)).toList(), null, null, null,
            null, null, at(e.occurredAt(), now));
      }
      case PAYMENT_PROCESSED -> {
        PaymentProcessed e = data(event, PaymentProcessed.class);
        yield new Notice(id, source, kind, required(event, "userId", e.userId()), required(event, "orderId", e.orderId()),
            money(event, "amount", new Money(e.amount(), e.currency())), List.of(), null, null, null, null, null,
            at(e.occurredAt(), now));
      }
      case SHIPMENT_CREATED -> {
        ShipmentCreated e = data(event, ShipmentCreated.class);
        yield new Notice(id, source, kind, required(event, "userId", e.userId()), required(event, "orderId", e.orderId()),
            null, List.of(), required(event, "trackingNumber", e.trackingNumber()), text(e.carrier()), null, null, null,
            at(e.occurredAt(), now));
      }
      case ORDER_CANCELLED -> {
        OrderCancelled e = data(event, OrderCancelled.class);
        yield new Notice(id, source, kind, required(event, "userId", e.userId()), required(event, "orderId", e.orderId()),
            null, List.of(), null, null, required(event, "reason", e.reason()), text(e.detail()),
            text(e.previousStatus()), at(e.occurredAt(), now));
      }
    };
  }

  private static Notice.Line line(IncomingEvent event, Item item) {
    if (item == null || item.quantity() == null || item.quantity() < 1) {
      throw malformed(event, "has an item without a quantity");
    }
    String name = item.name() == null || item.name().isBlank() ? "item " + text(item.productId()) : item.name();
    return new Notice.Line(cut(name), item.quantity(), item.unitPrice() == null ? null : money(event, "unitPrice", item.unitPrice()));
  }

  private static Notice.Money money(IncomingEvent event, String field, @Nullable Money money) {
    if (money == null || money.amount() == null || money.currency() == null || !money.currency().matches("[A-Z]{3}")) {
      throw malformed(event, "has no " + field + " with an amount and an ISO 4217 currency");
    }
    return new Notice.Money(money.amount(), money.currency());
  }

  private static String required(IncomingEvent event, String field, @Nullable String value) {
    if (value == null || value.isBlank() || value.length() > MAX_ID_LENGTH) {
      throw malformed(event, "names no " + field + " of 1 to " + MAX_ID_LENGTH + " characters");
    }
    return value;
  }

  private static @Nullable String text(@Nullable String value) {
    return value == null || value.isBlank() ? null : cut(value);
  }

  private static String cut(String value) {
    return value.length() > MAX_TEXT_LENGTH ? value.substring(0, MAX_TEXT_LENGTH) : value;
  }

  private static Instant at(@Nullable Instant occurredAt, Instant fallback) {
    return occurredAt == null ? fallback : occurredAt;
  }

  private static <T> T data(IncomingEvent event, Class<T> type) {
    try {
      T data = event.data(type);
      if (data == null) {
        throw malformed(event, "has no data");
      }
      return data;
    } catch (JacksonException e) {
      throw new MalformedEventException(event + " has unreadable data: " + e.getOriginalMessage(), e);
    }
  }

  private static MalformedEventException malformed(IncomingEvent event, String why) {
    return new MalformedEventException(event + " " + why, null);
  }
}
