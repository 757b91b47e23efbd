package dev.emporium.launcher.platform;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Which engines the platform uses: embedded ones in the data directory by default, or external
 * servers named by environment variables (docs/operations.md), one engine at a time.
 *
 * @param externalPostgres host:port of a PostgreSQL server whose {@code postgres} user may create
 *     roles and databases ({@code EMPORIUM_POSTGRES}); empty: embedded
 * @param externalKafka bootstrap servers ({@code EMPORIUM_KAFKA}); empty: embedded
 * @param externalAmqp host:port of a RabbitMQ server ({@code EMPORIUM_AMQP}); empty: embedded
 * @param redisUri a Redis server for carts ({@code EMPORIUM_REDIS}); empty: carts in PostgreSQL
 * @param databasePrefix put before every service's database name ({@code EMPORIUM_DATABASE_PREFIX}),
 *     so several platforms can share one server
 * @param etcd etcd's client addresses ({@code EMPORIUM_ETCD}); empty: services register nowhere.
 *     The services read the variable themselves (the platform's defaults map it to
 *     {@code emporium.registry.etcd.endpoints}); the launcher only reports it.
 */
public record EngineSettings(Path dataDirectory, Optional<String> externalPostgres, Optional<String> externalKafka,
    Optional<String> externalAmqp, Optional<String> redisUri, int postgresPort, int kafkaPort, int kafkaControllerPort,
    int amqpPort, String databasePrefix, Optional<String> etcd) {

  public EngineSettings {
    if (!databasePrefix.matches("[a-z0-9_]{0,20}")) {
      throw new IllegalArgumentException("EMPORIUM_DATABASE_PREFIX may hold up to 20 of a-z, 0-9 and _, not '"
          + databasePrefix + "'");
    }
  }

  public static EngineSettings fromEnvironment(Map<String, String> env) {
    Path data = Path.of(env.getOrDefault("EMPORIUM_DATA", "data"));
    return new EngineSettings(data.toAbsolutePath(), nonBlank(env.get("EMPORIUM_POSTGRES")),
        nonBlank(env.get("EMPORIUM_KAFKA")), nonBlank(env.get("EMPORIUM_AMQP")), nonBlank(env.get("EMPORIUM_REDIS")),
        port(env, "EMPORIUM_POSTGRES_PORT", 15432), port(env, "EMPORIUM_KAFKA_PORT", 9092),
        port(env, "EMPORIUM_KAFKA_CONTROLLER_PORT", 9093), port(env, "EMPORIUM_AMQP_PORT", 5673),
        env.getOrDefault("EMPORIUM_DATABASE_PREFIX", ""), nonBlank(env.get("EMPORIUM_ETCD")));
  }

  private static Optional<String> nonBlank(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  private static int port(Map<String, String> env, String name, int fallback) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int port = Integer.parseInt(value.trim());
      if (port < 1 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a port number (1..65535), not '" + value + "'");
    }
  }
}
