package dev.emporium.notification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.qpid.server.SystemLauncher;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The AMQP 0-9-1 broker {@code emporium up} embeds (Apache Qpid Broker-J, Derby store), started once
 * per test JVM on a free loopback port with its store in a temporary directory, and stopped with the
 * JVM. Its queues are checked for held messages every {@value #HOUSEKEEPING_MILLIS} ms, as the
 * launcher's are: Qpid's default of 30 s would release a held retry up to that late.
 */
public final class QpidBroker {

  static final int HOUSEKEEPING_MILLIS = 100;

  private static volatile QpidBroker shared;

  private final int port;

  private QpidBroker(int port) {
    this.port = port;
  }

  public static QpidBroker shared() {
    QpidBroker broker = shared;
    if (broker == null) {
      synchronized (QpidBroker.class) {
        broker = shared;
        if (broker == null) {
          broker = start();
          shared = broker;
        }
      }
    }
    return broker;
  }

  private static QpidBroker start() {
    try {
      Path work = Files.createTempDirectory("qpid-notification-it");
      int port = freePort();
      URL configuration = QpidBroker.class.getResource("/qpid-broker-in-tests.json");
      Map<String, Object> attributes = new HashMap<>();
      attributes.put("type", "JSON");
      attributes.put("storePath", work.resolve("config.json").toString());
      attributes.put("initialConfigurationLocation", configuration.toExternalForm());
      attributes.put("startupLoggedToSystemOut", false);
      attributes.put("context", Map.of(
          "qpid.work_dir", work.toString(),
          "qpid.amqp_port", String.valueOf(port),
          "qpid.broker.defaultPreferenceStoreAttributes", "{\"type\": \"Noop\"}",
          "virtualhost.housekeepingCheckPeriod", String.valueOf(HOUSEKEEPING_MILLIS)));
      SystemLauncher launcher = new SystemLauncher();
      launcher.startup(attributes);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        launcher.shutdown();
        delete(work);
      }, "qpid-broker-stop"));
      return new QpidBroker(port);
    } catch (Exception e) {
      throw new IllegalStateException("the Qpid broker for the tests did not start: " + e.getMessage(), e);
    }
  }

  public int port() {
    return port;
  }

  /** Points the service's RabbitMQ client at this broker, with the retry delay mode it needs. */
  public void register(DynamicPropertyRegistry registry) {
    registry.add("spring.rabbitmq.host", () -> "127.0.0.1");
    registry.add("spring.rabbitmq.port", this::port);
    registry.add("spring.rabbitmq.username", () -> "guest");
    registry.add("spring.rabbitmq.password", () -> "guest");
    registry.add("emporium.notification.retry.delay-mode", () -> "held");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void delete(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
