package dev.emporium.cart.orders;

import dev.emporium.cart.cart.Carts;
import dev.emporium.platform.events.envelope.CloudEventCodec;
import dev.emporium.platform.events.envelope.IncomingEvent;
import dev.emporium.platform.events.envelope.MalformedEventException;
import dev.emporium.platform.events.inbox.Inbox;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import tools.jackson.core.JacksonException;

/**
 * Empties what an order bought out of its buyer's cart: on {@code OrderCreated} with
 * {@code fromCart: true}, each ordered product's line loses the ordered quantity. Runs through the
 * inbox, so a redelivered event changes nothing. With the PostgreSQL store the cart change commits
 * with the inbox row; with the Redis store it is written just before that commit, so a crash
 * between the two would take the quantities once more on redelivery (at least once).
 */
class OrderListener {

  static final String CONSUMER = "cart.remove-ordered-items";

  private final Inbox inbox;
  private final CloudEventCodec codec;
  private final Carts carts;

  OrderListener(Inbox inbox, CloudEventCodec codec, Carts carts) {
    this.inbox = inbox;
    this.codec = codec;
    this.carts = carts;
  }

  @KafkaListener(id = CONSUMER, topics = "${emporium.cart.orders.topic:order-events}",
      groupId = "${emporium.cart.orders.consumer-group:cart}")
  void onOrder(ConsumerRecord<String, byte[]> record) {
    IncomingEvent event = codec.read(record);
    if (!"OrderCreated".equals(event.type())) {
      return;
    }
    OrderCreated order = data(event);
    if (!Boolean.TRUE.equals(order.fromCart())) {
      return;
    }
    if (order.userId() == null || order.userId().isBlank() || order.items() == null) {
      throw new MalformedEventException(event + " names no userId or items", null);
    }
    Map<String, Integer> ordered = new LinkedHashMap<>();
    for (OrderCreated.Item item : order.items()) {
      if (item == null || item.productId() == null || item.quantity() == null || item.quantity() < 1) {
        throw new MalformedEventException(event + " has an item without productId or positive quantity", null);
      }
      ordered.merge(item.productId(), item.quantity(), Integer::sum);
    }
    inbox.process(CONSUMER, event, e -> carts.removeOrdered(order.userId(), ordered));
  }

  private static OrderCreated data(IncomingEvent event) {
    try {
      return event.data(OrderCreated.class);
    } catch (JacksonException e) {
      throw new MalformedEventException(event + " has unreadable data: " + e.getOriginalMessage(), e);
    }
  }
}
