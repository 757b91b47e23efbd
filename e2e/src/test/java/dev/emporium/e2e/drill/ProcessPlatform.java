package dev.emporium.e2e.drill;

import dev.emporium.e2e.RunningPlatform;
import dev.emporium.launcher.EmporiumCommand;
import dev.emporium.launcher.platform.EngineSettings;
import dev.emporium.launcher.platform.Platform;
import dev.emporium.launcher.platform.PlatformServices;
import dev.emporium.launcher.platform.ServiceDefinition;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The saga's services in the process mode, each its own JVM started as {@code emporium service
 * NAME} with its settings in its config directory, against the machine's PostgreSQL (databases of
 * this run's prefix, dropped at the end) and a Kafka broker that is a process of its own too. A
 * drill kills, stops and restarts any of them.
 */
final class ProcessPlatform implements AutoCloseable {

  /** What an order needs to run the saga: pricing, payment with its processor, stock, shipping. */
  static final List<String> SERVICES = List.of("product", "inventory", "shipping", "psp-simulator", "payment", "order");

  private final Path data;
  private final Platform platform;
  private final Map<String, Integer> ports;
  private final Map<String, Map<String, String>> overrides;
  private final Map<String, JavaProcess> running = new LinkedHashMap<>();
  private final int kafkaPort;
  private final int kafkaControllerPort;
  private JavaProcess kafka;

  private ProcessPlatform(Path data, Platform platform, Map<String, Integer> ports,
      Map<String, Map<String, String>> overrides, int kafkaPort, int kafkaControllerPort) {
    this.data = data;
    this.platform = platform;
    this.ports = ports;
    this.overrides = overrides;
    this.kafkaPort = kafkaPort;
    this.kafkaControllerPort = kafkaControllerPort;
  }

  /**
   * Starts Kafka and {@link #SERVICES}; {@code overrides} adds settings per service name on top of
   * the platform's wiring.
   */
  static ProcessPlatform start(Map<String, Map<String, String>> overrides) {
    Map<String, Integer> ports = new HashMap<>();
    PlatformServices.defaultPorts().keySet().forEach(name -> ports.put(name, RunningPlatform.freePort()));
    String prefix = "drill_" + Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36)
        .toLowerCase(Locale.ROOT).substring(0, 8) + "_";
    Path data;
    try {
      data = Files.createTempDirectory("emporium-drill-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int kafkaPort = RunningPlatform.freePort();
    Map<String, String> env = new HashMap<>();
    env.put("EMPORIUM_DATA", data.toString());
    env.put("EMPORIUM_POSTGRES", System.getenv().getOrDefault("EMPORIUM_TEST_PG_HOST", "127.0.0.1") + ":"
        + System.getenv().getOrDefault("EMPORIUM_TEST_PG_PORT", "5432"));
    env.put("EMPORIUM_KAFKA", "127.0.0.1:" + kafkaPort);
    env.put("EMPORIUM_AMQP", System.getenv().getOrDefault("EMPORIUM_TEST_AMQP", "127.0.0.1:5672"));
    env.put("EMPORIUM_DATABASE_PREFIX", prefix);
    Platform platform = new Platform(EngineSettings.fromEnvironment(env));
    platform.startEngines(line -> {});
    ProcessPlatform drill = new ProcessPlatform(data, platform, Map.copyOf(ports), overrides, kafkaPort,
        RunningPlatform.freePort());
    try {
      drill.startKafka();
      platform.ensureDatabases(drill.definitions());
      for (String name : SERVICES) {
        drill.startService(name);
      }
      drill.awaitReady(SERVICES.toArray(String[]::new));
    } catch (RuntimeException e) {
      drill.close();
      throw e;
    }
    return drill;
  }

  int port(String service) {
    return ports.get(service);
  }

  String url(String service) {
    return "http://127.0.0.1:" + port(service);
  }

  Path log(String name) {
    return data.resolve(name + ".log");
  }

  /** Starts {@code name} as {@code emporium service NAME}; its log appends to {@link #log}. */
  void startService(String name) {
    ServiceDefinition service = PlatformServices.named(name).orElseThrow();
    Map<String, String> settings = new HashMap<>(platform.settingsFor(service, ports));
    settings.putAll(overrides.getOrDefault(name, Map.of()));
    Path config = data.resolve("config").resolve(name);
    writeProperties(config.resolve("application.properties"), settings);
    running.put(name, JavaProcess.start(name, EmporiumCommand.class.getName(),
        List.of("service", name, "--config-dir", config.toString()), Map.of(), log(name)));
  }

  void kill(String name) {
    running.get(name).kill();
  }

  /** Waits until each of {@code names} answers 200 on /health/ready. */
  void awaitReady(String... names) {
    List<ServiceDefinition> definitions = List.of(names).stream()
        .map(n -> PlatformServices.named(n).orElseThrow()).toList();
    for (String name : names) {
      if (!running.get(name).alive()) {
        throw new IllegalStateException(name + " exited; see " + log(name));
      }
    }
    platform.awaitReady(definitions, ports, Duration.ofSeconds(180));
  }

  void startKafka() {
    kafka = JavaProcess.start("kafka", KafkaBrokerMain.class.getName(),
        List.of(data.resolve("kafka").toString(), String.valueOf(kafkaPort), String.valueOf(kafkaControllerPort)),
        Map.of(), log("kafka"));
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!listening(kafkaPort)) {
      if (System.nanoTime() > deadline || !kafka.alive()) {
        throw new IllegalStateException("Kafka did not start; see " + log("kafka"));
      }
      sleep(Duration.ofMillis(200));
    }
  }

  /** SIGTERM to the broker: it shuts down cleanly, its log stays for the restart. */
  void stopKafka() {
    kafka.stop();
  }

  /** The definitions of {@link #SERVICES}. */
  static List<ServiceDefinition> definitions() {
    return SERVICES.stream().map(n -> PlatformServices.named(n).orElseThrow()).toList();
  }

  private static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void writeProperties(Path file, Map<String, String> settings) {
    Properties properties = new Properties();
    properties.putAll(settings);
    try {
      Files.createDirectories(file.getParent());
      try (OutputStream out = Files.newOutputStream(file)) {
        properties.store(out, "written by the drill for this run");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    List<JavaProcess> services = List.copyOf(running.values());
    for (int i = services.size() - 1; i >= 0; i--) {
      services.get(i).close();
    }
    if (kafka != null) {
      kafka.close();
    }
    platform.close();
    platform.dropDatabases(definitions());
  }
}
