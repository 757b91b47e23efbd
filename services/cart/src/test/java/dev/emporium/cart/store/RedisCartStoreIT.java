package dev.emporium.cart.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.cart.CartTestSupport;
import dev.emporium.cart.cart.Cart;
import dev.emporium.cart.cart.CartStore;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The store contract against the Redis server on 127.0.0.1:6379, under a key prefix of its own. */
class RedisCartStoreIT extends CartStoreContract {

  static final String PREFIX = CartTestSupport.redisPrefix();
  static RedisClient client;
  static StatefulRedisConnection<String, String> connection;
  static RedisCartStore store;

  @BeforeAll
  static void connect() {
    client = RedisClient.create("redis://127.0.0.1:6379");
    connection = client.connect();
    store = new RedisCartStore(connection, PREFIX, new CartLinesJson(JsonMapper.builder().build()));
  }

  @AfterAll
  static void disconnect() {
    var keys = connection.sync().keys(PREFIX + "*");
    if (!keys.isEmpty()) {
      connection.sync().del(keys.toArray(String[]::new));
    }
    connection.close();
    client.shutdown();
  }

  @Override
  CartStore store() {
    return store;
  }

  @Test
  void cartIsOneHashWhoseTtlIsTheCartsExpiry() {
    String user = user();
    write(Cart.empty(user).add(line("p-1", 1), LIMITS), Duration.ofHours(1));

    String key = PREFIX + user;
    assertThat(connection.sync().type(key)).isEqualTo("hash");
    assertThat(connection.sync().pttl(key)).isBetween(Duration.ofMinutes(59).toMillis(), Duration.ofHours(1).toMillis());
  }
}
