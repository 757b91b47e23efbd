package dev.emporium.product;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The product service's own settings ({@code emporium.product.*}).
 *
 * @param topic where product events are published
 * @param productMaxAge how long the gateway (or any cache) may reuse a product (the spec: 5 min)
 * @param searchMaxAge how long it may reuse a search result page (the spec: 2 min)
 * @param typoThreshold pg_trgm word similarity (0..1) from which a misspelt query matches a name:
 *     lower finds more typos and more noise ("hedphone" vs "Headphones" scores 0.5)
 */
@ConfigurationProperties("emporium.product")
public record ProductProperties(@DefaultValue("product-events") String topic,
    @DefaultValue("5m") Duration productMaxAge, @DefaultValue("2m") Duration searchMaxAge,
    @DefaultValue("0.5") double typoThreshold) {

  public ProductProperties {
    if (typoThreshold <= 0 || typoThreshold > 1) {
      throw new IllegalArgumentException("emporium.product.typo-threshold must be in (0, 1]");
    }
  }
}
