package dev.emporium.launcher.platform;

import dev.emporium.analytics.AnalyticsApplication;
import dev.emporium.cart.CartApplication;
import dev.emporium.inventory.InventoryApplication;
import dev.emporium.messaging.MessagingApplication;
import dev.emporium.notification.NotificationApplication;
import dev.emporium.order.OrderApplication;
import dev.emporium.payment.PaymentApplication;
import dev.emporium.product.ProductApplication;
import dev.emporium.psp.PspApplication;
import dev.emporium.recommendation.RecommendationApplication;
import dev.emporium.shipping.ShippingApplication;
import dev.emporium.user.UserApplication;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The services of the platform and how they reach each other on one machine. Ports are the
 * services' own defaults (docs/services.md); on one machine every service listens on loopback
 * only, because services trust the identity headers that only the gateway may set.
 */
public final class PlatformServices {

  /** The gateway's public address: the issuer of the platform's tokens, as the gateway checks them. */
  public static final String ISSUER = "http://127.0.0.1:8080";

  /** The product catalogue's gRPC port (cart and order check prices there), by this name in the ports. */
  public static final String PRODUCT_GRPC = "product-grpc";

  /** The messaging simulator's SMTP sink, where the notification service sends mail on one machine. */
  public static final String SMTP = "smtp";

  /** Ports that are not a service's HTTP port, with their defaults. */
  public static final Map<String, Integer> EXTRA_PORTS = Map.of(PRODUCT_GRPC, 9082, SMTP, 2525);

  /**
   * For services without a database. All services share one classpath here, so a service would
   * otherwise get the JDBC auto-configuration another service brought (and an embedded database
   * it never asked for).
   */
  static final Map<String, String> WITHOUT_DATABASE = Map.of("spring.autoconfigure.exclude", String.join(",",
      "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
      "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
      "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
      "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
      "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration"));

  /** For services that publish no events: no outbox table, so no relay. */
  static final Map<String, String> WITHOUT_OUTBOX = Map.of("emporium.events.outbox.enabled", "false");

  private PlatformServices() {}

  public static List<ServiceDefinition> all() {
    return List.of(
        new ServiceDefinition("user", UserApplication.class, 8081, Optional.of("user"), wiring -> Map.of(
            "emporium.user.issuer", ISSUER)),
        new ServiceDefinition("product", ProductApplication.class, 8082, Optional.of("product"), wiring -> Map.of(
            "spring.grpc.server.address", "127.0.0.1",
            "spring.grpc.server.port", String.valueOf(wiring.port(PRODUCT_GRPC)))),
        new ServiceDefinition("cart", CartApplication.class, 8083, Optional.of("cart"), WITHOUT_OUTBOX, wiring -> Map.of(
            "spring.grpc.client.channel.product.target", "static://127.0.0.1:" + wiring.port(PRODUCT_GRPC))),
        new ServiceDefinition("inventory", InventoryApplication.class, 8086, Optional.of("inventory"), wiring -> Map.of()),
        new ServiceDefinition("recommendation", RecommendationApplication.class, 8090, Optional.of("recommendation"),
            wiring -> Map.of()),
        new ServiceDefinition("messaging-simulator", MessagingApplication.class, 8098, Optional.empty(),
            WITHOUT_DATABASE, wiring -> Map.of("emporium.messaging.smtp.port", String.valueOf(wiring.port(SMTP)))),
        new ServiceDefinition("notification", NotificationApplication.class, 8088, Optional.empty(), WITHOUT_DATABASE,
            wiring -> Map.of(
                "emporium.notification.retry.delay-mode", notificationDelayMode(wiring.engines()),
                "emporium.notification.users.base-url", wiring.url("user"),
                "emporium.notification.providers.sms-url", wiring.url("messaging-simulator"),
                "emporium.notification.providers.push-url", wiring.url("messaging-simulator"),
                "spring.mail.port", String.valueOf(wiring.port(SMTP)))),
        new ServiceDefinition("order", OrderApplication.class, 8084, Optional.of("orders"), wiring -> Map.of(
            "spring.grpc.client.channel.product.target", "static://127.0.0.1:" + wiring.port(PRODUCT_GRPC),
            "emporium.order.cart-url", wiring.url("cart"))),
        new ServiceDefinition("payment", PaymentApplication.class, 8085, Optional.of("payments"), wiring -> Map.of(
            "emporium.payment.processor.url", wiring.url("psp-simulator"))),
        new ServiceDefinition("shipping", ShippingApplication.class, 8087, Optional.of("shipping"), wiring -> Map.of()),
        new ServiceDefinition("analytics", AnalyticsApplication.class, 8089, Optional.of("analytics"), wiring -> Map.of()),
        new ServiceDefinition("psp-simulator", PspApplication.class, 8099, Optional.empty(), WITHOUT_DATABASE,
            wiring -> Map.of()));
  }

  /**
   * How the notification service makes a retried job wait: held on its work queue by the embedded
   * Qpid Broker-J, which refuses RabbitMQ's delay queues; on delay queues on a RabbitMQ server.
   */
  static String notificationDelayMode(ServiceDefinition.Engines engines) {
    return engines.amqpEmbedded() ? "held" : "dead-letter-ttl";
  }

  @SafeVarargs
  static Map<String, String> merge(Map<String, String>... maps) {
    Map<String, String> merged = new java.util.HashMap<>();
    for (Map<String, String> map : maps) {
      merged.putAll(map);
    }
    return Map.copyOf(merged);
  }

  /** Every port by name at its default: each service's HTTP port and {@link #EXTRA_PORTS}. */
  public static Map<String, Integer> defaultPorts() {
    Map<String, Integer> ports = new java.util.HashMap<>(EXTRA_PORTS);
    all().forEach(s -> ports.put(s.name(), s.httpPort()));
    return ports;
  }

  public static Optional<ServiceDefinition> named(String name) {
    return all().stream().filter(s -> s.name().equals(name)).findFirst();
  }
}
