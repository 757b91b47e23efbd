package dev.emporium.cart.store;

import dev.emporium.cart.CartProperties;
import dev.emporium.cart.cart.CartStore;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** Picks the cart store named by {@code emporium.cart.store}. */
@Configuration(proxyBeanMethods = false)
class CartStoreConfiguration {

  @Bean
  CartLinesJson cartLinesJson(JsonMapper mapper) {
    return new CartLinesJson(mapper);
  }

  @Bean
  CartStoreHealthIndicator cartStoreHealthIndicator(CartStore store) {
    return new CartStoreHealthIndicator(store);
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(name = "emporium.cart.store", havingValue = "postgres", matchIfMissing = true)
  static class Postgres {

    @Bean
    PostgresCartStore postgresCartStore(JdbcClient jdbc, CartLinesJson json) {
      return new PostgresCartStore(jdbc, json, Clock.systemUTC());
    }

    @Bean
    ExpiredCartSweeper expiredCartSweeper(PostgresCartStore store, CartProperties properties) {
      return new ExpiredCartSweeper(store, properties.sweep().batchSize());
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(name = "emporium.cart.store", havingValue = "redis")
  static class Redis {

    @Bean(destroyMethod = "shutdown")
    RedisClient cartRedisClient(CartProperties properties) {
      RedisURI uri = RedisURI.create(properties.redis().uri());
      uri.setTimeout(properties.redis().timeout());
      return RedisClient.create(uri);
    }

    @Bean(destroyMethod = "close")
    StatefulRedisConnection<String, String> cartRedisConnection(RedisClient client) {
      return client.connect();
    }

    @Bean
    RedisCartStore redisCartStore(StatefulRedisConnection<String, String> connection, CartProperties properties,
        CartLinesJson json) {
      return new RedisCartStore(connection, properties.redis().keyPrefix(), json);
    }
  }
}
