package dev.emporium.order.events;

import dev.emporium.order.OrderProperties;
import dev.emporium.order.events.OrderEvent.OrderCancelled;
import dev.emporium.order.events.OrderEvent.OrderCompleted;
import dev.emporium.order.events.OrderEvent.OrderCreated;
import dev.emporium.order.order.Order;
import dev.emporium.order.order.OrderStatus;
import dev.emporium.platform.events.outbox.Outbox;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Writes order events to the outbox, in the transaction of the change they report. */
@Component
public class OrderEvents {

  /** OrderCancelled's {@code detail} is at most this long (its schema's limit). */
  static final int MAX_DETAIL_LENGTH = 500;

  private final Outbox outbox;
  private final String topic;

  OrderEvents(Outbox outbox, OrderProperties properties) {
    this.outbox = outbox;
    this.topic = properties.topic();
  }

  public void created(Order order) {
    outbox.append(topic, OrderCreated.of(order));
  }

  public void completed(Order order) {
    outbox.append(topic, OrderCompleted.of(order));
  }

  /** {@code order} is the cancelled order; {@code previous} the status it was cancelled in. */
  public void cancelled(Order order, OrderStatus previous, @Nullable String detail) {
    String cut = detail == null || detail.isBlank() ? null
        : detail.length() > MAX_DETAIL_LENGTH ? detail.substring(0, MAX_DETAIL_LENGTH) : detail;
    outbox.append(topic, new OrderCancelled(order.id().toString(), order.userId(),
        order.cancellationReason().code(), cut, previous.name(), order.updatedAt()));
  }
}
