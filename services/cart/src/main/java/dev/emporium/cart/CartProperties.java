package dev.emporium.cart;

import java.net.URI;
import java.time.Duration;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The cart service's own settings ({@code emporium.cart.*}), checked at start-up.
 *
 * @param store where carts live: {@code postgres} (the default) or {@code redis}
 * @param ttl how long a cart survives without a change (the spec: 7 days); every write restarts it
 * @param maxLines distinct products one cart may hold
 * @param maxQuantity units of one product per line
 * @param productIdPattern what a product id looks like (the product service issues UUIDs); anything
 *     else is refused before the catalogue is asked
 * @param maxUpdateAttempts how often a change is retried when another request changed the same cart
 *     between its read and its write (optimistic concurrency)
 * @param catalog how the product service is called
 * @param redis the Redis store's connection (used when {@code store=redis})
 * @param sweep how the PostgreSQL store deletes expired carts
 */
@ConfigurationProperties("emporium.cart")
public record CartProperties(
    @DefaultValue("postgres") Store store,
    @DefaultValue("7d") Duration ttl,
    @DefaultValue("100") int maxLines,
    @DefaultValue("99") int maxQuantity,
    @DefaultValue("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}") String productIdPattern,
    @DefaultValue("10") int maxUpdateAttempts,
    @DefaultValue Catalog catalog,
    @DefaultValue Redis redis,
    @DefaultValue Sweep sweep) {

  public enum Store { POSTGRES, REDIS }

  public CartProperties {
    require(positive(ttl), "ttl must be positive");
    require(maxLines >= 1 && maxLines <= 1000, "max-lines must be between 1 and 1000");
    require(maxQuantity >= 1 && maxQuantity <= 10_000, "max-quantity must be between 1 and 10000");
    require(maxUpdateAttempts >= 1, "max-update-attempts must be at least 1");
    try {
      Pattern.compile(productIdPattern);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("emporium.cart.product-id-pattern is not a regular expression: " + e.getMessage());
    }
  }

  public Pattern productIds() {
    return Pattern.compile(productIdPattern);
  }

  /**
   * @param channel the Spring gRPC channel name ({@code spring.grpc.client.channel.<name>.target})
   * @param deadline how long one lookup may take before the cart answers 503
   */
  public record Catalog(@DefaultValue("product") String channel, @DefaultValue("2s") Duration deadline) {
    public Catalog {
      require(!channel.isBlank(), "catalog.channel must not be blank");
      require(positive(deadline), "catalog.deadline must be positive");
    }
  }

  /**
   * @param uri the server, e.g. {@code redis://127.0.0.1:6379/0}; the password comes from
   *     {@code EMPORIUM_CART_REDIS_URI} in the environment, never from a file
   * @param keyPrefix prefix of every key (several services or tests can share one Redis)
   * @param timeout how long one command may take
   */
  public record Redis(@DefaultValue("redis://127.0.0.1:6379") URI uri, @DefaultValue("cart:") String keyPrefix,
      @DefaultValue("2s") Duration timeout) {
    public Redis {
      require("redis".equals(uri.getScheme()) || "rediss".equals(uri.getScheme()),
          "redis.uri must be a redis:// or rediss:// URI");
      require(positive(timeout), "redis.timeout must be positive");
    }
  }

  /**
   * @param interval time between two sweeps of expired carts (they read as empty meanwhile)
   * @param batchSize carts deleted per statement, so that one sweep never holds many locks
   */
  public record Sweep(@DefaultValue("10m") Duration interval, @DefaultValue("1000") int batchSize) {
    public Sweep {
      require(positive(interval), "sweep.interval must be positive");
      require(batchSize >= 1, "sweep.batch-size must be at least 1");
    }
  }

  private static boolean positive(Duration duration) {
    return duration != null && duration.isPositive();
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException("emporium.cart." + message);
    }
  }
}
