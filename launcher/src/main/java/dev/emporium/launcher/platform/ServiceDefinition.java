package dev.emporium.launcher.platform;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A service the platform runs: its name (as in {@code emporium service NAME}), its Spring Boot
 * application class, its HTTP port, its database (none for services without one), and the
 * settings that wire it to the engines and to the other services.
 *
 * @param isolation defaults that keep this service to what it uses: every service shares one
 *     classpath with the others, so auto-configuration a neighbour's library brings is switched off
 *     here (weaker than the service's own properties and the environment)
 * @param settings settings for this service given where the engines and other services are; they override the
 *     service's own application.properties
 */
public record ServiceDefinition(String name, Class<?> application, int httpPort, Optional<String> database,
    Map<String, String> isolation, Function<Wiring, Map<String, String>> settings) {

  public ServiceDefinition(String name, Class<?> application, int httpPort, Optional<String> database,
      Function<Wiring, Map<String, String>> settings) {
    this(name, application, httpPort, database, Map.of(), settings);
  }

  /** What a service's settings may refer to: the engines, and where the other services listen. */
  public record Wiring(Engines engines, Map<String, Integer> ports) {

    /** The HTTP port of service {@code name} (or of a named extra port such as "product-grpc"). */
    public int port(String name) {
      Integer port = ports.get(name);
      if (port == null) {
        throw new IllegalArgumentException("no port for " + name);
      }
      return port;
    }

    public String url(String service) {
      return "http://127.0.0.1:" + port(service);
    }
  }

  /**
   * Where the platform's engines listen, as the services' settings need it.
   *
   * @param amqpEmbedded whether the AMQP broker is the embedded Qpid Broker-J rather than a RabbitMQ server
   */
  public record Engines(String postgresHost, int postgresPort, String kafkaBootstrapServers, String amqpHost,
      int amqpPort, boolean amqpEmbedded, String redisUri) {

    public String jdbcUrl(String database) {
      return "jdbc:postgresql://" + postgresHost + ":" + postgresPort + "/" + database;
    }
  }
}
