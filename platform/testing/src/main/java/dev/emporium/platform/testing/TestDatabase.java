package dev.emporium.platform.testing;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A PostgreSQL database that exists for one test class. Made by {@link PostgresDatabases#create};
 * dropped by {@link #close()}, or at the latest when the test JVM exits.
 */
public record TestDatabase(String name, String jdbcUrl, String username, String password) implements AutoCloseable {

  /** Points Spring Boot's data source (and so Flyway and JdbcClient) at this database. */
  public void registerDataSource(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", this::jdbcUrl);
    registry.add("spring.datasource.username", this::username);
    registry.add("spring.datasource.password", this::password);
  }

  @Override
  public void close() {
    PostgresDatabases.drop(name);
  }
}
