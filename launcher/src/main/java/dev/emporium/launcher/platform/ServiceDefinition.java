package dev.emporium.launcher.platform;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A service the platform runs: its name (as in {@code emporium service NAME}), its Spring Boot
 * application class, its HTTP port, its database (none for services without one), and the
 * settings that wire it to the engines and to the other services.
 *
 * @param settings settings for this service given where the engines are; they override the
 *     service's own application.properties
 */
public record ServiceDefinition(String name, Class<?> application, int httpPort, Optional<String> database,
    Function<Engines, Map<String, String>> settings) {

  /** Where the platform's engines listen, as the services' settings need it. */
  public record Engines(String postgresHost, int postgresPort, String kafkaBootstrapServers, String amqpHost,
      int amqpPort, String redisUri) {

    public String jdbcUrl(String database) {
      return "jdbc:postgresql://" + postgresHost + ":" + postgresPort + "/" + database;
    }
  }
}
