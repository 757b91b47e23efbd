package dev.emporium.launcher.engines;

import java.net.URL;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.qpid.server.SystemLauncher;

/**
 * An AMQP 0-9-1 broker in this JVM (Apache Qpid Broker-J), so the notification service's RabbitMQ
 * client code runs unchanged; its retries wait in the {@code held} delay mode here, since Qpid has
 * no RabbitMQ-style delay queues. Its configuration and messages live in the data directory (a
 * Derby message store): jobs queued before a restart are delivered after it.
 */
public final class EmbeddedAmqpBroker implements AutoCloseable {

  /**
   * How often each queue looks for held messages whose time has come. Qpid's default, 30 s, would
   * deliver a quiet queue's retries up to that late; set here rather than in amqp-broker.json so
   * that data directories created before it get it too.
   */
  static final int HOUSEKEEPING_MILLIS = 100;

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
        "qpid.broker.defaultPreferenceStoreAttributes", "{\"type\": \"Noop\"}",
        "virtualhost.housekeepingCheckPeriod", String.valueOf(HOUSEKEEPING_MILLIS)));
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
