package dev.emporium.shipping.events;

import dev.emporium.platform.events.envelope.CloudEventCodec;
import dev.emporium.platform.events.envelope.IncomingEvent;
import dev.emporium.platform.events.envelope.MalformedEventException;
import dev.emporium.platform.events.inbox.Inbox;
import dev.emporium.shipping.shipment.OrderItem;
import dev.emporium.shipping.shipment.PickLine;
import dev.emporium.shipping.shipment.ShippingSaga;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;

/**
 * The shipping service's part of the order saga, as events: it keeps each order (OrderCreated)
 * and its reservation (InventoryReserved), ships when both are here, and cancels on OrderCancelled.
 * Each effect runs through the inbox, in one transaction with the record of the event id, so a
 * redelivered event changes nothing. Other event types on these topics are not this service's
 * business and are skipped before the inbox. An event that cannot be read (no order id, no user,
 * lines without quantities) is a poison message and goes to the dead-letter topic at once.
 */
@Component
class SagaListeners {

  static final String ORDER_CREATED = "shipping.keep-order";
  static final String ORDER_CANCELLED = "shipping.cancel-shipment";
  static final String INVENTORY_RESERVED = "shipping.ship-reservation";
  static final int MAX_ID_LENGTH = 100;

  private final Inbox inbox;
  private final CloudEventCodec codec;
  private final ShippingSaga saga;

  SagaListeners(Inbox inbox, CloudEventCodec codec, ShippingSaga saga) {
    this.inbox = inbox;
    this.codec = codec;
    this.saga = saga;
  }

  @KafkaListener(id = "shipping.orders", topics = "${emporium.shipping.order-topic}",
      groupId = "${emporium.shipping.consumer-group}", concurrency = "${emporium.shipping.listener-concurrency:3}")
  void onOrder(ConsumerRecord<String, byte[]> record) {
    IncomingEvent event = codec.read(record);
    switch (event.type()) {
      case "OrderCreated" -> inbox.process(ORDER_CREATED, event, e -> {
        OrderCreated order = data(e, OrderCreated.class);
        saga.orderCreated(orderId(e, order.orderId()), required(e, "userId", order.userId()), items(e, order),
            order.shippingAddress(), when(e, order.occurredAt()));
      });
      case "OrderCancelled" -> inbox.process(ORDER_CANCELLED, event, e -> {
        OrderCancelled cancelled = data(e, OrderCancelled.class);
        saga.orderCancelled(orderId(e, cancelled.orderId()), cancelled.reason() == null ? "" : cancelled.reason(),
            when(e, cancelled.occurredAt()));
      });
      default -> { }
    }
  }

  @KafkaListener(id = "shipping.inventory", topics = "${emporium.shipping.inventory-topic}",
      groupId = "${emporium.shipping.consumer-group}", concurrency = "${emporium.shipping.listener-concurrency:3}")
  void onInventory(ConsumerRecord<String, byte[]> record) {
    IncomingEvent event = codec.read(record);
    if ("InventoryReserved".equals(event.type())) {
      inbox.process(INVENTORY_RESERVED, event, e -> {
        InventoryReserved reserved = data(e, InventoryReserved.class);
        saga.inventoryReserved(orderId(e, reserved.orderId()), lines(e, reserved), when(e, reserved.occurredAt()));
      });
    }
  }

  private static List<OrderItem> items(IncomingEvent event, OrderCreated order) {
    if (order.items() == null || order.items().isEmpty()) {
      throw malformed(event, "has no items");
    }
    return order.items().stream().map(item -> {
      if (item == null || item.quantity() == null || item.quantity() < 1) {
        throw malformed(event, "has an item without a quantity of at least 1");
      }
      return new OrderItem(item.productId(), item.name(), item.quantity());
    }).toList();
  }

  private static List<PickLine> lines(IncomingEvent event, InventoryReserved reserved) {
    if (reserved.lines() == null || reserved.lines().isEmpty()) {
      throw malformed(event, "has no lines");
    }
    return reserved.lines().stream().map(line -> {
      if (line == null || line.quantity() == null || line.quantity() < 1) {
        throw malformed(event, "has a line without a quantity of at least 1");
      }
      return new PickLine(line.productId(), line.warehouse(), line.quantity());
    }).toList();
  }

  private static String orderId(IncomingEvent event, @Nullable String orderId) {
    if (orderId == null || orderId.isBlank() || orderId.length() > MAX_ID_LENGTH) {
      throw malformed(event, "names no orderId of 1 to " + MAX_ID_LENGTH + " characters");
    }
    return orderId;
  }

  private static String required(IncomingEvent event, String field, @Nullable String value) {
    if (value == null || value.isBlank() || value.length() > MAX_ID_LENGTH) {
      throw malformed(event, "names no " + field + " of 1 to " + MAX_ID_LENGTH + " characters");
    }
    return value;
  }

  /** When it happened: the event's own occurredAt, else its CloudEvents time. */
  private static Instant when(IncomingEvent event, @Nullable Instant occurredAt) {
    if (occurredAt != null) {
      return occurredAt;
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

  private static MalformedEventException malformed(IncomingEvent event, String what) {
    return new MalformedEventException(event + " " + what, null);
  }
}
