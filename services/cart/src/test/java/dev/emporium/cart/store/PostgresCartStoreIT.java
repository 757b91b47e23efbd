package dev.emporium.cart.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.cart.cart.Cart;
import dev.emporium.cart.cart.CartStore;
import dev.emporium.platform.testing.PostgresDatabases;
import dev.emporium.platform.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.json.JsonMapper;

/** The store contract against a fresh PostgreSQL database, migrated by the service's own Flyway scripts. */
class PostgresCartStoreIT extends CartStoreContract {

  static final TestDatabase db = PostgresDatabases.create(PostgresCartStoreIT.class);
  static JdbcClient jdbc;
  static PostgresCartStore store;

  @BeforeAll
  static void migrate() {
    var dataSource = new DriverManagerDataSource(db.jdbcUrl(), db.username(), db.password());
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/cart").load().migrate();
    jdbc = JdbcClient.create(dataSource);
    store = new PostgresCartStore(jdbc, new CartLinesJson(JsonMapper.builder().build()), Clock.systemUTC());
  }

  @Override
  CartStore store() {
    return store;
  }

  @Test
  void sweepDeletesExpiredCartsOnly() throws InterruptedException {
    String expiring = user();
    String alive = user();
    for (int i = 0; i < 5; i++) {
      write(Cart.empty(expiring + i).add(line("p-1", 1), LIMITS), Duration.ofMillis(300));
    }
    write(Cart.empty(alive).add(line("p-1", 1), LIMITS), Duration.ofDays(1));
    Thread.sleep(500);

    int deleted = new ExpiredCartSweeper(store, 2).sweep();

    assertThat(deleted).isGreaterThanOrEqualTo(5);
    assertThat(jdbc.sql("SELECT count(*) FROM carts WHERE user_id LIKE :p").param("p", expiring + "%")
        .query(Long.class).single()).isZero();
    assertThat(jdbc.sql("SELECT count(*) FROM carts WHERE user_id = :u").param("u", alive)
        .query(Long.class).single()).isEqualTo(1);
  }
}
