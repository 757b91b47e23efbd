package dev.emporium.e2e;

import dev.emporium.gateway.Gateway;
import dev.emporium.gateway.GatewayOptions;
import dev.emporium.launcher.EmporiumHome;
import dev.emporium.launcher.platform.EngineSettings;
import dev.emporium.launcher.platform.Platform;
import dev.emporium.launcher.platform.PlatformServices;
import dev.emporium.launcher.platform.ServiceDefinition;
import dev.emporium.launcher.tracing.TraceViewer;
import dev.emporium.launcher.tracing.TracingSettings;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.emporium.notification.queue.JobQueues;
import dev.emporium.platform.testing.InProcessKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;

/**
 * The whole platform as {@code emporium up} runs it, once per test JVM: every service in this JVM
 * against the machine's PostgreSQL (databases of this run's own prefix, dropped at the end), the
 * in-process Kafka broker and the machine's RabbitMQ (queues of this run's own prefix, deleted at
 * the end), with the gateway of gateway/examples/platform.yaml in front, all of them sending every
 * trace to a Zipkin of the run's own (a child process). Every port is a free one, so a platform a
 * developer has running, or another build, never collides with it.
 */
public final class RunningPlatform {

  /** A public web client registered with the user service, on a native app's loopback redirect. */
  static final String WEB_CLIENT = "e2e-web";
  static final String WEB_CALLBACK = "http://127.0.0.1/callback";

  private static volatile RunningPlatform shared;

  final Platform platform;
  final Gateway gateway;
  final Map<String, Integer> ports;
  final TraceViewer traces;

  private RunningPlatform(Platform platform, Gateway gateway, Map<String, Integer> ports, TraceViewer traces) {
    this.platform = platform;
    this.gateway = gateway;
    this.ports = ports;
    this.traces = traces;
  }

  static RunningPlatform get() {
    RunningPlatform running = shared;
    if (running == null) {
      synchronized (RunningPlatform.class) {
        running = shared;
        if (running == null) {
          running = start();
          shared = running;
        }
      }
    }
    return running;
  }

  int gatewayPort() {
    return gateway.port("public");
  }

  private static RunningPlatform start() {
    Map<String, Integer> ports = new HashMap<>();
    PlatformServices.defaultPorts().keySet().forEach(name -> ports.put(name, freePort()));
    String prefix = "e2e_" + Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36)
        .toLowerCase(Locale.ROOT).substring(0, 8) + "_";
    Path data = temporaryDirectory();
    Map<String, String> env = new HashMap<>();
    env.put("EMPORIUM_DATA", data.toString());
    env.put("EMPORIUM_POSTGRES", System.getenv().getOrDefault("EMPORIUM_TEST_PG_HOST", "127.0.0.1") + ":"
        + System.getenv().getOrDefault("EMPORIUM_TEST_PG_PORT", "5432"));
    env.put("EMPORIUM_KAFKA", InProcessKafka.shared().bootstrapServers());
    env.put("EMPORIUM_AMQP", System.getenv().getOrDefault("EMPORIUM_TEST_AMQP", "127.0.0.1:5672"));
    env.put("EMPORIUM_DATABASE_PREFIX", prefix);
    notificationQueues(data, prefix);
    Platform platform = new Platform(EngineSettings.fromEnvironment(env));
    List<String> queues = new CopyOnWriteArrayList<>();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      platform.close();
      platform.dropDatabases(PlatformServices.all());
      deleteQueues(env.get("EMPORIUM_AMQP"), queues);
    }, "stop-e2e-platform"));
    // Every trace goes to a Zipkin of the run's own, as with `emporium up --tracing`; it starts
    // while the engines do.
    CompletableFuture<TraceViewer> viewer = CompletableFuture.supplyAsync(() -> TraceViewer.start(
        new TracingSettings(freePort(), 0, Optional.of(Path.of(System.getProperty("emporium.e2e.zipkin.jar",
            "target/zipkin/zipkin-server.jar"))), 100_000, "512m", 16 * 1024 * 1024),
        data.resolve("tracing"), line -> System.out.println("e2e: " + line)));
    platform.startEngines(line -> System.out.println("e2e: " + line));
    TraceViewer traces = platform.remember(viewer.join());
    platform.addServiceSettings(traces.serviceSettings());
    // Small pools: this platform's nine databases share one PostgreSQL server (100 connections by
    // default) with the failure drills' platform, which runs while this one is up.
    platform.addServiceSettings(Map.of("spring.datasource.hikari.maximum-pool-size", "4",
        "spring.datasource.hikari.minimum-idle", "1",
        "emporium.user.web-clients." + WEB_CLIENT + ".redirect-uris", WEB_CALLBACK));
    platform.startServices(PlatformServices.all(), ports, line -> System.out.println("e2e: " + line));
    queues.addAll(platform.service("notification").getBean(JobQueues.class).all());
    platform.awaitReady(PlatformServices.all(), ports, java.time.Duration.ofSeconds(120));
    Gateway gateway = Gateway.start(GatewayOptions.of(gatewayConfig(ports, data))
        .withEnvironment(name -> traces.gatewayEnvironment().getOrDefault(name, System.getenv(name))));
    platform.remember(gateway::shutdown);
    return new RunningPlatform(platform, gateway, Map.copyOf(ports), traces);
  }

  /** The notification service's work queues under this run's prefix, in its per-service overrides. */
  private static void notificationQueues(Path data, String prefix) {
    try {
      Path overrides = Files.createDirectories(data.resolve("config").resolve("notification"));
      Files.writeString(overrides.resolve("application.properties"), String.join("\n",
          "emporium.notification.queues.email=" + prefix + "email-queue",
          "emporium.notification.queues.sms=" + prefix + "sms-queue",
          "emporium.notification.queues.push=" + prefix + "push-queue", ""));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteQueues(String amqp, List<String> queues) {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost(amqp.substring(0, amqp.lastIndexOf(':')));
    factory.setPort(Integer.parseInt(amqp.substring(amqp.lastIndexOf(':') + 1)));
    try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
      for (String queue : queues) {
        channel.queueDelete(queue);
      }
    } catch (IOException | TimeoutException e) {
      System.err.println("e2e: could not delete the run's queues " + queues + ": " + e);
    }
  }

  /** gateway/examples/platform.yaml with every service's address and the gateway's ports replaced by this run's. */
  private static Path gatewayConfig(Map<String, Integer> ports, Path data) {
    try {
      String yaml = Files.readString(EmporiumHome.resolve("gateway/examples/platform.yaml"));
      for (ServiceDefinition service : PlatformServices.all()) {
        yaml = yaml.replace("127.0.0.1:" + service.httpPort() + "\"", "127.0.0.1:" + ports.get(service.name()) + "\"")
            .replace("127.0.0.1:" + service.httpPort() + "/", "127.0.0.1:" + ports.get(service.name()) + "/");
      }
      yaml = yaml.replace("${EMPORIUM_GATEWAY_PORT:-8080}", String.valueOf(freePort()))
          .replace("${EMPORIUM_ADMIN_PORT:-9901}", String.valueOf(freePort()))
          .replace("${EMPORIUM_ACCESS_LOG:-stdout}", data.resolve("access.log").toString())
          // Every shopper of the run signs up and logs in from this one address.
          .replace("${EMPORIUM_SIGNUPS_PER_IP_PER_MINUTE:-20}", "1000")
          .replace("${EMPORIUM_LOGINS_PER_IP_PER_MINUTE:-60}", "1000");
      Path file = data.resolve("gateway.yaml");
      Files.writeString(file, yaml);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path temporaryDirectory() {
    try {
      return Files.createTempDirectory("emporium-e2e-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Ports handed out by {@link #freePort} in this JVM, so that no two callers get the same one. */
  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();
  private static final int LOWEST_PORT = 10_000;
  private static final int EPHEMERAL_RANGE_START = ephemeralRangeStart();

  /**
   * A port free now on 127.0.0.1, below the kernel's ephemeral range. A port from that range (what
   * binding port 0 gives) can be taken by any outgoing connection on the machine before the process
   * it is meant for binds it; a service started a few seconds later then fails with "address
   * already in use".
   */
  public static int freePort() {
    for (int tries = 0; tries < 1000; tries++) {
      int port = LOWEST_PORT + ThreadLocalRandom.current().nextInt(EPHEMERAL_RANGE_START - LOWEST_PORT);
      if (!HANDED_OUT.add(port)) {
        continue;
      }
      try (ServerSocket socket = new ServerSocket()) {
        socket.bind(new InetSocketAddress("127.0.0.1", port));
        return port;
      } catch (IOException taken) {
        // In use: try another.
      }
    }
    throw new IllegalStateException("no free port found between " + LOWEST_PORT + " and " + EPHEMERAL_RANGE_START);
  }

  /** The first port of the kernel's ephemeral range (Linux's default 32768 where it cannot be read). */
  private static int ephemeralRangeStart() {
    try {
      String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
      int low = Integer.parseInt(range.split("\\s+")[0]);
      return low > LOWEST_PORT + 1000 ? low : 32_768;
    } catch (IOException | RuntimeException e) {
      return 32_768;
    }
  }
}
