package dev.emporium.launcher.engines;

import java.net.URL;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.qpid.server.SystemLauncher;

/**
 * An AMQP 0-9-1 broker in this JVM (Apache Qpid Broker-J), so the notification service's RabbitMQ
 * client code runs unchanged. Its configuration and messages live in the data directory (a Derby
 * message store): jobs queued before a restart are delivered after it.
 */
public final class EmbeddedAmqpBroker implements AutoCloseable {

  private final SystemLauncher launcher;
  private final int port;

  private EmbeddedAmqpBroker(SystemLauncher launcher, int port) {
    this.launcher = launcher;
    this.port = port;
  }

  public static EmbeddedAmqpBroker start(Path workDirectory, int port) {
    URL initialConfiguration = EmbeddedAmqpBroker.class.getResource("/engines/amqp-broker.json");
    Map<String, Object> attributes = new HashMap<>();
    attributes.put("type", "JSON");
    attributes.put("storePath", workDirectory.resolve("config.json").toAbsolutePath().toString());
    attributes.put("initialConfigurationLocation", initialConfiguration.toExternalForm());
    attributes.put("startupLoggedToSystemOut", false);
    attributes.put("context", Map.of(
        "qpid.work_dir", workDirectory.toAbsolutePath().toString(),
        "qpid.amqp_port", String.valueOf(port),
        "qpid.broker.defaultPreferenceStoreAttributes", "{\"type\": \"Noop\"}"));
    SystemLauncher launcher = new SystemLauncher();
    try {
      launcher.startup(attributes);
    } catch (Exception e) {
      throw new IllegalStateException("embedded AMQP broker did not start in " + workDirectory + ": " + e.getMessage(), e);
    }
    return new EmbeddedAmqpBroker(launcher, port);
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    launcher.shutdown();
  }
}
