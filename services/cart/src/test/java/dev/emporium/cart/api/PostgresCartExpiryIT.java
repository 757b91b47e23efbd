package dev.emporium.cart.api;

import dev.emporium.cart.CartTestSupport;
import dev.emporium.platform.testing.PostgresDatabases;
import dev.emporium.platform.testing.TestDatabase;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PostgresCartExpiryIT extends CartExpiryContract {

  static final TestDatabase db = PostgresDatabases.create(PostgresCartExpiryIT.class);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    CartTestSupport.register(registry, db, catalog);
    registry.add("emporium.cart.ttl", () -> TTL.toMillis() + "ms");
  }
}
