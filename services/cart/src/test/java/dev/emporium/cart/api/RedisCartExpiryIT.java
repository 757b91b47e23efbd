package dev.emporium.cart.api;

import static dev.emporium.cart.CartTestSupport.item;
import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.cart.CartTestSupport;
import dev.emporium.platform.testing.HttpTestClient;
import dev.emporium.platform.testing.PostgresDatabases;
import dev.emporium.platform.testing.TestDatabase;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RedisCartExpiryIT extends CartExpiryContract {

  static final TestDatabase db = PostgresDatabases.create(RedisCartExpiryIT.class);
  static final String PREFIX = CartTestSupport.redisPrefix();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    CartTestSupport.registerRedis(registry, db, catalog, PREFIX);
    registry.add("emporium.cart.ttl", () -> TTL.toMillis() + "ms");
  }

  @Autowired
  JdbcClient jdbc;

  @Test
  void cartsLiveInRedisNotInTheDatabase() {
    String user = "u-" + UUID.randomUUID();
    HttpTestClient.forPort(port).as(user, "customer").post("/api/cart/items", item(catalog.add("Kettle", "30.00"), 1));

    RedisClient client = RedisClient.create("redis://127.0.0.1:6379");
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      assertThat(connection.sync().hget(PREFIX + user, "lines")).contains("Kettle");
      assertThat(connection.sync().pttl(PREFIX + user)).isPositive();
      connection.sync().del(PREFIX + user);
    } finally {
      client.shutdown();
    }
    assertThat(jdbc.sql("SELECT count(*) FROM carts").query(Long.class).single()).isZero();
  }
}
