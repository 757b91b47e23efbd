package dev.emporium.launcher.platform;

import dev.emporium.launcher.engines.EmbeddedAmqpBroker;
import dev.emporium.launcher.engines.EmbeddedKafka;
import dev.emporium.launcher.engines.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The platform on one machine: engines (embedded, or external ones named in {@link EngineSettings}),
 * then every service in this JVM, each in its own Spring application context. Closing it stops the
 * services first and the engines last, so in-flight work drains into engines that are still up.
 */
public final class Platform implements AutoCloseable {

  /** How many services start at once: startup is CPU-bound, and more than the cores only thrashes. */
  private static final int PARALLEL_STARTS = Math.max(2, Runtime.getRuntime().availableProcessors());

  private final EngineSettings settings;
  private final PlatformSecrets secrets;
  private final Deque<AutoCloseable> running = new ArrayDeque<>();
  private final Map<String, ConfigurableApplicationContext> services = new LinkedHashMap<>();
  private final Map<String, String> everyService = new HashMap<>();
  private ServiceDefinition.Engines engines;
  private EmbeddedPostgres postgres;

  public Platform(EngineSettings settings) {
    this.settings = settings;
    this.secrets = PlatformSecrets.load(settings.dataDirectory());
  }

  public PlatformSecrets secrets() {
    return secrets;
  }

  public ServiceDefinition.Engines engines() {
    return engines;
  }

  /** Starts the engines; {@code progress} hears one line per step. */
  public void startEngines(Consumer<String> progress) {
    Path data = settings.dataDirectory();
    EnginePorts.requireFree(embeddedEnginePorts());
    CompletableFuture<EmbeddedPostgres> pg = settings.externalPostgres().isPresent()
        ? CompletableFuture.completedFuture(null)
        : CompletableFuture.supplyAsync(() -> EmbeddedPostgres.start(data.resolve("postgres"), settings.postgresPort()));
    CompletableFuture<EmbeddedKafka> kafka = settings.externalKafka().isPresent()
        ? CompletableFuture.completedFuture(null)
        : CompletableFuture.supplyAsync(() -> EmbeddedKafka.start(data.resolve("kafka"), settings.kafkaPort(),
            settings.kafkaControllerPort(), 3));
    CompletableFuture<EmbeddedAmqpBroker> amqp = settings.externalAmqp().isPresent()
        ? CompletableFuture.completedFuture(null)
        : CompletableFuture.supplyAsync(() -> EmbeddedAmqpBroker.start(data.resolve("amqp"), settings.amqpPort()));
    postgres = remember(pg.join());
    EmbeddedKafka kafkaBroker = remember(kafka.join());
    EmbeddedAmqpBroker amqpBroker = remember(amqp.join());
    String[] pgAddress = settings.externalPostgres().orElse("127.0.0.1:" + settings.postgresPort()).split(":");
    String[] amqpAddress = settings.externalAmqp().orElse("127.0.0.1:" + settings.amqpPort()).split(":");
    engines = new ServiceDefinition.Engines(pgAddress[0], Integer.parseInt(pgAddress[1]),
        settings.externalKafka().orElseGet(() -> kafkaBroker.bootstrapServers()), amqpAddress[0],
        Integer.parseInt(amqpAddress[1]), amqpBroker != null, settings.redisUri().orElse(""));
    progress.accept("postgresql " + (postgres != null ? "embedded" : "external") + " on " + engines.postgresHost()
        + ":" + engines.postgresPort());
    progress.accept("kafka      " + (kafkaBroker != null ? "embedded" : "external") + " on "
        + engines.kafkaBootstrapServers());
    progress.accept("amqp       " + (amqpBroker != null ? "embedded" : "external") + " on " + engines.amqpHost() + ":"
        + engines.amqpPort());
    settings.etcd().ifPresent(etcd -> progress.accept("registry   services register in etcd at " + etcd));
  }

  /** The ports the embedded engines will listen on: none for an engine named by its variable. */
  List<EnginePorts.Wanted> embeddedEnginePorts() {
    List<EnginePorts.Wanted> ports = new ArrayList<>();
    if (settings.externalPostgres().isEmpty()) {
      ports.add(new EnginePorts.Wanted("PostgreSQL", settings.postgresPort(), "EMPORIUM_POSTGRES_PORT"));
    }
    if (settings.externalKafka().isEmpty()) {
      ports.add(new EnginePorts.Wanted("Kafka broker", settings.kafkaPort(), "EMPORIUM_KAFKA_PORT"));
      ports.add(new EnginePorts.Wanted("Kafka controller", settings.kafkaControllerPort(),
          "EMPORIUM_KAFKA_CONTROLLER_PORT"));
    }
    if (settings.externalAmqp().isEmpty()) {
      ports.add(new EnginePorts.Wanted("AMQP broker", settings.amqpPort(), "EMPORIUM_AMQP_PORT"));
    }
    return ports;
  }

  /**
   * Settings every service started from now on gets on top of its own wiring, e.g. where to export
   * traces ({@link dev.emporium.launcher.tracing.TraceViewer#serviceSettings()}).
   */
  public void addServiceSettings(Map<String, String> settings) {
    everyService.putAll(settings);
  }

  /** Starts {@code definitions} on their default ports; see {@link #startServices(List, Map, Consumer)}. */
  public void startServices(List<ServiceDefinition> definitions, Consumer<String> progress) {
    startServices(definitions, PlatformServices.defaultPorts(), progress);
  }

  /**
   * Starts {@code definitions}, {@link #PARALLEL_STARTS} at a time, and returns when all run.
   *
   * @param ports every service's HTTP port by name, and the extra ports ({@link PlatformServices#EXTRA_PORTS})
   */
  public void startServices(List<ServiceDefinition> definitions, Map<String, Integer> ports, Consumer<String> progress) {
    SharedLogging.install();
    ServiceDefinition.Wiring wiring = new ServiceDefinition.Wiring(engines, Map.copyOf(ports));
    ensureDatabases(definitions);
    ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_STARTS);
    try {
      Map<String, CompletableFuture<ConfigurableApplicationContext>> starts = new LinkedHashMap<>();
      for (ServiceDefinition service : definitions) {
        starts.put(service.name(), CompletableFuture.supplyAsync(() -> {
          long begin = System.nanoTime();
          ConfigurableApplicationContext context = ServiceRunner.start(service, settingsOf(service, wiring),
              settings.dataDirectory().resolve("config").resolve(service.name()));
          progress.accept(String.format("%-14s http://127.0.0.1:%d  (%d ms)", service.name(), wiring.port(service.name()),
              Duration.ofNanos(System.nanoTime() - begin).toMillis()));
          return context;
        }, pool));
      }
      for (var start : starts.entrySet()) {
        ConfigurableApplicationContext context = start.getValue().join();
        services.put(start.getKey(), context);
        running.push(context::close);
      }
    } finally {
      pool.shutdown();
    }
  }

  /** Creates the databases of {@code definitions} that do not exist yet. */
  public void ensureDatabases(List<ServiceDefinition> definitions) {
    for (ServiceDefinition service : definitions) {
      service.database().ifPresent(db -> ensureDatabase(settings.databasePrefix() + db));
    }
  }

  /**
   * The settings {@code service} runs with on these engines and ports, for running it somewhere
   * else than this JVM (as its own process, {@code emporium service NAME}, with them in its config
   * directory).
   */
  public Map<String, String> settingsFor(ServiceDefinition service, Map<String, Integer> ports) {
    return settingsOf(service, new ServiceDefinition.Wiring(engines, Map.copyOf(ports)));
  }

  /** The settings {@code service} runs with: the engines' addresses, its own wiring, then {@link #addServiceSettings}. */
  Map<String, String> settingsOf(ServiceDefinition service, ServiceDefinition.Wiring wiring) {
    Map<String, String> values = new HashMap<>();
    values.put("server.address", "127.0.0.1");
    values.put("server.port", String.valueOf(wiring.port(service.name())));
    values.put("spring.kafka.bootstrap-servers", engines.kafkaBootstrapServers());
    values.put("spring.rabbitmq.host", engines.amqpHost());
    values.put("spring.rabbitmq.port", String.valueOf(engines.amqpPort()));
    values.put("emporium.events.topics.replication-factor", "1");
    values.put("emporium.user.keys.encryption-key", secrets.get("user.keys.encryption-key"));
    service.database().ifPresent(db -> {
      values.put("spring.datasource.url", engines.jdbcUrl(settings.databasePrefix() + db));
      values.put("spring.datasource.username", settings.externalPostgres().isPresent() ? ExternalPostgres.user()
          : settings.databasePrefix() + db);
      settings.externalPostgres().ifPresent(external -> values.put("spring.datasource.password",
          ExternalPostgres.password()));
    });
    values.putAll(service.settings().apply(wiring));
    values.putAll(everyService);
    return values;
  }

  private void ensureDatabase(String name) {
    if (postgres != null) {
      postgres.ensureDatabase(name);
    } else {
      ExternalPostgres.ensureDatabase(engines.postgresHost(), engines.postgresPort(), name);
    }
  }

  /**
   * Waits until every service in {@code definitions} answers 200 on {@code /health/ready} (its
   * database and broker connections work), at most {@code timeout}.
   *
   * @throws IllegalStateException naming the services that are not ready in time
   */
  public void awaitReady(List<ServiceDefinition> definitions, Map<String, Integer> ports, Duration timeout) {
    java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    List<String> waiting = new java.util.ArrayList<>(definitions.stream().map(ServiceDefinition::name).toList());
    while (!waiting.isEmpty()) {
      waiting.removeIf(name -> {
        try {
          var request = java.net.http.HttpRequest.newBuilder(
              java.net.URI.create("http://127.0.0.1:" + ports.get(name) + "/health/ready"))
              .timeout(Duration.ofSeconds(2)).build();
          return http.send(request, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (java.io.IOException e) {
          return false;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      });
      if (waiting.isEmpty()) {
        return;
      }
      if (System.nanoTime() > deadline || Thread.currentThread().isInterrupted()) {
        throw new IllegalStateException("not ready within " + timeout.toSeconds() + " s: " + String.join(", ", waiting));
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  public ConfigurableApplicationContext service(String name) {
    return services.get(name);
  }

  /** Whether the data directory has been seeded, and the marker that says so. */
  public boolean seeded() {
    return Files.exists(settings.dataDirectory().resolve("seeded"));
  }

  public void markSeeded() {
    try {
      Files.writeString(settings.dataDirectory().resolve("seeded"), java.time.Instant.now() + "\n");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Runs {@code sql} on the database of {@code service} as its owner. */
  public void execute(String service, String sql, Object... parameters) {
    String database = settings.databasePrefix() + service;
    String user = settings.externalPostgres().isPresent() ? ExternalPostgres.user() : database;
    String password = settings.externalPostgres().isPresent() ? ExternalPostgres.password() : "";
    try (var connection = java.sql.DriverManager.getConnection(engines.jdbcUrl(database), user, password);
        var statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      statement.executeUpdate();
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("cannot update " + database + ": " + e.getMessage(), e);
    }
  }

  /**
   * Drops the databases of {@code definitions} from an external server (a test platform's, after
   * {@link #close()}); embedded databases live in the data directory and are not touched.
   */
  public void dropDatabases(List<ServiceDefinition> definitions) {
    if (settings.externalPostgres().isEmpty()) {
      return;
    }
    for (ServiceDefinition service : definitions) {
      service.database().ifPresent(db -> ExternalPostgres.dropDatabase(engines.postgresHost(), engines.postgresPort(),
          settings.databasePrefix() + db));
    }
  }

  /** Registers something to stop at {@link #close()}, before what was started earlier. */
  public <T extends AutoCloseable> T remember(T resource) {
    if (resource != null) {
      running.push(resource);
    }
    return resource;
  }

  @Override
  public synchronized void close() {
    while (!running.isEmpty()) {
      try {
        running.pop().close();
      } catch (Exception e) {
        System.err.println("emporium: stopping: " + e.getMessage());
      }
    }
  }
}
