package dev.emporium.product.events;

import dev.emporium.platform.events.outbox.Outbox;
import dev.emporium.product.ProductProperties;
import dev.emporium.product.catalog.Product;
import org.springframework.stereotype.Component;

/** Writes product events to the outbox, in the transaction of the change they report. */
@Component
public class ProductEvents {

  private final Outbox outbox;
  private final String topic;

  ProductEvents(Outbox outbox, ProductProperties properties) {
    this.outbox = outbox;
    this.topic = properties.topic();
  }

  public void created(Product product) {
    outbox.append(topic, ProductEvent.created(product));
  }

  public void updated(Product product) {
    outbox.append(topic, ProductEvent.updated(product));
  }
}
