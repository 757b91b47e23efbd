package dev.emporium.product;

import dev.emporium.platform.testing.InProcessKafka;
import dev.emporium.platform.testing.TestDatabase;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.test.context.DynamicPropertyRegistry;

/** What the product service's integration tests share: wiring to their own database and topic. */
public final class ProductTestSupport {

  private ProductTestSupport() {}

  /** The test's database, the shared broker, its own topic, and random HTTP and gRPC ports. */
  public static void register(DynamicPropertyRegistry registry, TestDatabase db, InProcessKafka kafka, String topic) {
    db.registerDataSource(registry);
    kafka.registerBootstrapServers(registry);
    registry.add("emporium.product.topic", () -> topic);
    registry.add("spring.grpc.server.port", () -> "0");
    registry.add("spring.grpc.server.address", () -> "127.0.0.1");
  }

  /** A valid create/update body; tests change what they need. */
  public static Map<String, Object> product(String name, String category, String amount) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("description", "A fine " + name.toLowerCase() + ".");
    body.put("price", Map.of("amount", amount, "currency", "EUR"));
    body.put("category", category);
    body.put("attributes", Map.of("colour", "black"));
    return body;
  }
}
