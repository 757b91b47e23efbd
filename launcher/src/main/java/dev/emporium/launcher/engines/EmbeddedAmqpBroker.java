package dev.emporium.launcher.engines;

import java.lang.reflect.Field;
import java.net.URL;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.qpid.server.SystemLauncher;
import org.apache.qpid.server.SystemLauncherListener;
import org.apache.qpid.server.model.Broker;
import org.apache.qpid.server.model.BrokerImpl;
import org.apache.qpid.server.model.SystemConfig;

/**
 * An AMQP 0-9-1 broker in this JVM (Apache Qpid Broker-J), so the notification service's RabbitMQ
 * client code runs unchanged; its retries wait in the {@code held} delay mode here, since Qpid has
 * no RabbitMQ-style delay queues. Its configuration and messages live in the data directory, in
 * Qpid's JDBC store on an H2 file: jobs queued before a restart are delivered after it. (Qpid's
 * Derby store, used by data directories created before, compiles a new statement for every batch
 * of acknowledged messages; H2 only parses it.)
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

  private final boolean stopsOnlyWhenClosed;

  private EmbeddedAmqpBroker(SystemLauncher launcher, int port, boolean stopsOnlyWhenClosed) {
    this.launcher = launcher;
    this.port = port;
    this.stopsOnlyWhenClosed = stopsOnlyWhenClosed;
  }

  /** Whether only {@link #close()} stops it (Qpid's own shutdown hook was removed). */
  public boolean stopsOnlyWhenClosed() {
    return stopsOnlyWhenClosed;
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
        // H2 has no Derby-style "varchar(n) for bit data", Qpid's default for binary columns.
        "qpid.jdbcstore.varBinaryType", "varbinary(%d)",
        "qpid.amqp_port", String.valueOf(port),
        "qpid.broker.defaultPreferenceStoreAttributes", "{\"type\": \"Noop\"}",
        "virtualhost.housekeepingCheckPeriod", String.valueOf(HOUSEKEEPING_MILLIS)));
    AtomicReference<SystemConfig<?>> system = new AtomicReference<>();
    SystemLauncher launcher = new SystemLauncher(new SystemLauncherListener.DefaultSystemLauncherListener() {
      @Override
      public void onContainerResolve(SystemConfig<?> config) {
        system.set(config);
      }
    });
    try {
      launcher.startup(attributes);
    } catch (Exception e) {
      throw new IllegalStateException("embedded AMQP broker did not start in " + workDirectory + ": " + e.getMessage(), e);
    }
    boolean hookRemoved = withoutOwnShutdownHook(system.get());
    return new EmbeddedAmqpBroker(launcher, port, hookRemoved);
  }

  /**
   * Qpid registers a shutdown hook that closes the broker the moment the process is asked to stop,
   * while the notification service is still draining its queues; the platform closes the broker
   * after the services instead. Qpid offers no setting for it, hence the reflection.
   *
   * @return whether the hook was found and removed
   */
  static boolean withoutOwnShutdownHook(SystemConfig<?> system) {
    if (system == null || !(system.getContainer(Broker.class) instanceof BrokerImpl broker)) {
      return false;
    }
    try {
      Field field = BrokerImpl.class.getDeclaredField("_shutdownHook");
      field.setAccessible(true);
      return field.get(broker) instanceof Thread hook && Runtime.getRuntime().removeShutdownHook(hook);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    launcher.shutdown();
  }
}
