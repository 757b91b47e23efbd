package dev.emporium.recommendation.events;

import dev.emporium.platform.events.envelope.CloudEventCodec;
import dev.emporium.platform.events.envelope.IncomingEvent;
import dev.emporium.platform.events.envelope.MalformedEventException;
import dev.emporium.platform.events.inbox.Inbox;
import dev.emporium.recommendation.catalog.CatalogCopy;
import dev.emporium.recommendation.catalog.InvalidProductException;
import dev.emporium.recommendation.catalog.Money;
import dev.emporium.recommendation.catalog.Product;
import dev.emporium.recommendation.purchases.CompletedOrder;
import dev.emporium.recommendation.purchases.InvalidOrderException;
import dev.emporium.recommendation.purchases.OrderLine;
import dev.emporium.recommendation.purchases.PurchaseHistory;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;

/**
 * What the service learns from: product events keep its catalogue copy, {@code OrderCompleted} feeds
 * its purchase statistics. Each effect runs through the inbox, in one transaction with the record of
 * the event id, so a redelivered event changes nothing. Other types on these topics (OrderCreated,
 * OrderCancelled: an order that is not completed was not bought) are skipped before the inbox. An
 * event that cannot be read is a poison message: it goes to the dead-letter topic without retries.
 */
@Component
class RecommendationListeners {

  static final String CATALOG = "recommendation.copy-product";
  static final String PURCHASES = "recommendation.count-completed-order";

  private static final Set<String> PRODUCT_TYPES = Set.of("ProductCreated", "ProductUpdated");

  private final Inbox inbox;
  private final CloudEventCodec codec;
  private final CatalogCopy catalog;
  private final PurchaseHistory purchases;

  RecommendationListeners(Inbox inbox, CloudEventCodec codec, CatalogCopy catalog, PurchaseHistory purchases) {
    this.inbox = inbox;
    this.codec = codec;
    this.catalog = catalog;
    this.purchases = purchases;
  }

  @KafkaListener(id = CATALOG, topics = "${emporium.recommendation.product-topic}",
      groupId = "${emporium.recommendation.consumer-group}",
      concurrency = "${emporium.recommendation.listener-concurrency:3}")
  void onProduct(ConsumerRecord<String, byte[]> record) {
    IncomingEvent event = codec.read(record);
    if (PRODUCT_TYPES.contains(event.type())) {
      inbox.process(CATALOG, event, e -> {
        ProductChanged changed = data(e, ProductChanged.class);
        catalog.apply(product(e, changed), changed.occurredAt());
      });
    }
  }

  @KafkaListener(id = PURCHASES, topics = "${emporium.recommendation.order-topic}",
      groupId = "${emporium.recommendation.consumer-group}",
      concurrency = "${emporium.recommendation.listener-concurrency:3}")
  void onOrder(ConsumerRecord<String, byte[]> record) {
    IncomingEvent event = codec.read(record);
    if ("OrderCompleted".equals(event.type())) {
      inbox.process(PURCHASES, event, e -> purchases.count(order(e, data(e, OrderCompleted.class))));
    }
  }

  private static Product product(IncomingEvent event, ProductChanged changed) {
    try {
      Money price = changed.price() == null ? null : new Money(changed.price().amount(), changed.price().currency());
      return new Product(uuid(changed.productId(), "productId"), changed.version() == null ? 0 : changed.version(),
          changed.name(), price, changed.category(), Boolean.TRUE.equals(changed.active()), changed.occurredAt());
    } catch (InvalidProductException | NullPointerException | IllegalArgumentException invalid) {
      throw new MalformedEventException(event + " is not a product this service can keep: " + invalid.getMessage(),
          invalid);
    }
  }

  private static CompletedOrder order(IncomingEvent event, OrderCompleted completed) {
    try {
      List<OrderLine> lines = completed.items() == null ? List.of() : completed.items().stream()
          .map(item -> {
            if (item == null) {
              throw new InvalidOrderException("an item is null");
            }
            return new OrderLine(uuid(item.productId(), "productId"), item.quantity() == null ? 0 : item.quantity());
          })
          .toList();
      return new CompletedOrder(completed.orderId(), completed.userId(), lines, completed.occurredAt());
    } catch (InvalidOrderException | IllegalArgumentException invalid) {
      throw new MalformedEventException(event + " cannot be counted: " + invalid.getMessage(), invalid);
    }
  }

  private static UUID uuid(String value, String field) {
    if (value == null) {
      throw new IllegalArgumentException(field + " is missing");
    }
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(field + " " + value + " is not a UUID");
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
