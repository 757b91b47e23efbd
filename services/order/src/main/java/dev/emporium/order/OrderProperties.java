package dev.emporium.order;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The order service's own settings ({@code emporium.order.*}), checked at start-up.
 *
 * @param topic where order events are published
 * @param paymentTopic where the payment service's events arrive
 * @param inventoryTopic where the inventory service's events arrive
 * @param shippingTopic where the shipping service's events arrive
 * @param consumerGroup the Kafka consumer group of this service's listeners
 * @param listenerConcurrency consumer threads per listener (up to one per partition); the order's
 *     row lock serialises the events of one order
 * @param cartUrl base URL of the cart service, read for {@code fromCart} orders
 * @param cartTimeout how long reading a cart may take before the answer is 503
 * @param catalog how the product service is called
 * @param limits what one order may hold
 * @param saga step timeouts
 * @param pageSize the page sizes of {@code GET /api/orders}
 */
@ConfigurationProperties("emporium.order")
public record OrderProperties(
    @DefaultValue("order-events") String topic,
    @DefaultValue("payment-events") String paymentTopic,
    @DefaultValue("inventory-events") String inventoryTopic,
    @DefaultValue("shipping-events") String shippingTopic,
    @DefaultValue("order") String consumerGroup,
    @DefaultValue("3") int listenerConcurrency,
    @DefaultValue("http://127.0.0.1:8083") URI cartUrl,
    @DefaultValue("2s") Duration cartTimeout,
    @DefaultValue Catalog catalog,
    @DefaultValue Limits limits,
    @DefaultValue Saga saga,
    @DefaultValue PageSize pageSize) {

  public OrderProperties {
    require(!topic.isBlank() && !paymentTopic.isBlank() && !inventoryTopic.isBlank() && !shippingTopic.isBlank(),
        "topics must not be blank");
    require(!consumerGroup.isBlank(), "consumer-group must not be blank");
    require(listenerConcurrency >= 1 && listenerConcurrency <= 64, "listener-concurrency must be in 1..64");
    require("http".equals(cartUrl.getScheme()) || "https".equals(cartUrl.getScheme()),
        "cart-url must be an http:// or https:// URL");
    require(positive(cartTimeout), "cart-timeout must be positive");
  }

  /**
   * @param channel the Spring gRPC channel name ({@code spring.grpc.client.channel.<name>.target})
   * @param deadline how long the price check may take before the order is refused with 503
   */
  public record Catalog(@DefaultValue("product") String channel, @DefaultValue("2s") Duration deadline) {
    public Catalog {
      require(!channel.isBlank(), "catalog.channel must not be blank");
      require(positive(deadline), "catalog.deadline must be positive");
    }
  }

  /**
   * What one order may hold. The maxima of lines, quantity and payment method are also those of the
   * OrderCreated schema (docs/events.md), so they may be lowered but not raised.
   *
   * @param maxLines distinct products per order (at most 50)
   * @param maxQuantity units per line (at most 100)
   * @param maxIdempotencyKeyLength the longest {@code Idempotency-Key}
   * @param maxNameLength the recipient's name
   * @param maxAddressLineLength {@code line1} and {@code line2}
   * @param maxCityLength the city
   * @param maxPostalCodeLength the postal code
   * @param maxPaymentMethodLength the payment method token (at most 64)
   */
  public record Limits(
      @DefaultValue("50") int maxLines,
      @DefaultValue("100") int maxQuantity,
      @DefaultValue("255") int maxIdempotencyKeyLength,
      @DefaultValue("100") int maxNameLength,
      @DefaultValue("200") int maxAddressLineLength,
      @DefaultValue("100") int maxCityLength,
      @DefaultValue("20") int maxPostalCodeLength,
      @DefaultValue("64") int maxPaymentMethodLength) {

    public static final int CONTRACT_MAX_LINES = 50;
    public static final int CONTRACT_MAX_QUANTITY = 100;
    public static final int CONTRACT_MAX_PAYMENT_METHOD = 64;
    /** The longest of the OrderCreated schema's address fields. */
    public static final int CONTRACT_MAX_ADDRESS_FIELD = 200;

    public Limits {
      require(maxLines >= 1 && maxLines <= CONTRACT_MAX_LINES, "limits.max-lines must be in 1..50");
      require(maxQuantity >= 1 && maxQuantity <= CONTRACT_MAX_QUANTITY, "limits.max-quantity must be in 1..100");
      require(maxIdempotencyKeyLength >= 8 && maxIdempotencyKeyLength <= 1000,
          "limits.max-idempotency-key-length must be in 8..1000");
      require(maxPaymentMethodLength >= 1 && maxPaymentMethodLength <= CONTRACT_MAX_PAYMENT_METHOD,
          "limits.max-payment-method-length must be in 1..64");
      for (int length : new int[] {maxNameLength, maxAddressLineLength, maxCityLength, maxPostalCodeLength}) {
        require(length >= 1 && length <= CONTRACT_MAX_ADDRESS_FIELD, "limits: address field lengths must be in 1..200");
      }
    }
  }

  /**
   * @param stepTimeout how long an order may stay in PENDING, PAID or RESERVED before it is
   *     cancelled with reason {@code timeout}
   * @param sweepInterval how often the step-timeout sweeper looks for such orders
   * @param sweepBatchSize orders cancelled per sweeper transaction at most
   */
  public record Saga(@DefaultValue("2m") Duration stepTimeout, @DefaultValue("5s") Duration sweepInterval,
      @DefaultValue("100") int sweepBatchSize) {
    public Saga {
      require(positive(stepTimeout), "saga.step-timeout must be positive");
      require(positive(sweepInterval), "saga.sweep-interval must be positive");
      require(sweepBatchSize >= 1 && sweepBatchSize <= 10_000, "saga.sweep-batch-size must be in 1..10000");
    }
  }

  /**
   * @param defaultLimit orders per page when the client names no {@code limit}
   * @param maxLimit the largest {@code limit} a client may ask for
   */
  public record PageSize(@DefaultValue("20") int defaultLimit, @DefaultValue("100") int maxLimit) {
    public PageSize {
      require(maxLimit >= 1 && maxLimit <= 1000, "page-size.max-limit must be in 1..1000");
      require(defaultLimit >= 1 && defaultLimit <= maxLimit, "page-size.default-limit must be in 1..max-limit");
    }
  }

  private static boolean positive(Duration duration) {
    return duration != null && duration.isPositive();
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException("emporium.order." + message);
    }
  }
}
