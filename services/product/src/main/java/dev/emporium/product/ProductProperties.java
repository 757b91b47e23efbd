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
 */
@ConfigurationProperties("emporium.product")
public record ProductProperties(@DefaultValue("product-events") String topic,
    @DefaultValue("5m") Duration productMaxAge, @DefaultValue("2m") Duration searchMaxAge) {}
