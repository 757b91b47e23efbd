package dev.emporium.launcher.platform;

import dev.emporium.cart.CartApplication;
import dev.emporium.inventory.InventoryApplication;
import dev.emporium.product.ProductApplication;
import dev.emporium.psp.PspApplication;
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

  /** gRPC port of the product catalogue (cart and order check prices there). */
  public static final int PRODUCT_GRPC_PORT = 9082;

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
        new ServiceDefinition("user", UserApplication.class, 8081, Optional.of("user"), engines -> Map.of(
            "emporium.user.issuer", ISSUER)),
        new ServiceDefinition("product", ProductApplication.class, 8082, Optional.of("product"), engines -> Map.of(
            "spring.grpc.server.address", "127.0.0.1",
            "spring.grpc.server.port", String.valueOf(PRODUCT_GRPC_PORT))),
        new ServiceDefinition("cart", CartApplication.class, 8083, Optional.of("cart"), engines -> merge(WITHOUT_OUTBOX,
            Map.of("spring.grpc.client.channel.product.target", "static://127.0.0.1:" + PRODUCT_GRPC_PORT))),
        new ServiceDefinition("inventory", InventoryApplication.class, 8086, Optional.of("inventory"), engines -> Map.of()),
        new ServiceDefinition("psp-simulator", PspApplication.class, 8099, Optional.empty(),
            engines -> WITHOUT_DATABASE));
  }

  @SafeVarargs
  static Map<String, String> merge(Map<String, String>... maps) {
    Map<String, String> merged = new java.util.HashMap<>();
    for (Map<String, String> map : maps) {
      merged.putAll(map);
    }
    return Map.copyOf(merged);
  }

  public static Optional<ServiceDefinition> named(String name) {
    return all().stream().filter(s -> s.name().equals(name)).findFirst();
  }
}
