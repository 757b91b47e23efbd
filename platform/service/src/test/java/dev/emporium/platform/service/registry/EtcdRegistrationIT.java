package dev.emporium.platform.service.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.platform.service.sample.SampleServiceApplication;
import dev.emporium.platform.testing.EtcdServer;
import dev.emporium.platform.testing.HttpTestClient;
import dev.emporium.platform.testing.PostgresDatabases;
import dev.emporium.platform.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A service on the platform registering itself in a real etcd, through starts, outages and shutdowns. */
class EtcdRegistrationIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final TestDatabase db = PostgresDatabases.create(EtcdRegistrationIT.class);

  private final String prefix = "/t" + UUID.randomUUID().toString().substring(0, 8);
  private EtcdServer etcd;
  private ConfigurableApplicationContext service;

  @BeforeEach
  void startEtcd() {
    etcd = EtcdServer.start();
  }

  @AfterEach
  void stop() {
    if (service != null) service.close();
    etcd.close();
  }

  @AfterAll
  static void dropDatabase() {
    db.close();
  }

  private ConfigurableApplicationContext start(Map<String, String> more) {
    Map<String, Object> properties = new HashMap<>(Map.of(
        "spring.application.name", "sample",
        "server.port", "0",
        "server.address", "127.0.0.1",
        "spring.datasource.url", db.jdbcUrl(),
        "spring.datasource.username", db.username(),
        "spring.datasource.password", db.password(),
        "emporium.registry.etcd.endpoints", etcd.address(),
        "emporium.registry.etcd.prefix", prefix,
        "emporium.registry.etcd.ttl", "2s",
        "emporium.registry.etcd.request-timeout", "500ms"));
    properties.put("emporium.registry.etcd.deregistration-delay", "0s");
    properties.putAll(more);
    // An empty value leaves the setting to the platform's defaults.
    properties.values().removeIf(""::equals);
    // As arguments: default properties would rank below the platform's defaults.
    String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    service = new SpringApplicationBuilder(SampleServiceApplication.class).run(args);
    return service;
  }

  private ConfigurableApplicationContext start() {
    return start(Map.of());
  }

  private int port() {
    return ((WebServerApplicationContext) service).getWebServer().getPort();
  }

  private String key() {
    return prefix + "/services/sample/127.0.0.1:" + port();
  }

  /** The registered value of {@code key}, with the lease it is held by. */
  private Optional<JsonNode> entry(String key) {
    JsonNode answer = JSON.readTree(etcd.call("/v3/kv/range",
        "{\"key\":\"" + EtcdServer.base64(key) + "\"}"));
    JsonNode kvs = answer.path("kvs");
    return kvs.isEmpty() ? Optional.empty() : Optional.of(kvs.get(0));
  }

  private Optional<JsonNode> value(String key) {
    return entry(key).map(kv -> JSON.readTree(new String(Base64.getDecoder().decode(kv.path("value").asString()),
        StandardCharsets.UTF_8)));
  }

  private static void await(BooleanSupplier condition, String what) {
    long end = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) throw new AssertionError("timed out after " + WAIT.toSeconds() + " s waiting for " + what);
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  @Test
  void registersOnStartUnderItsServiceNameWithItsAddressZoneWeightAndVersion() {
    Instant before = Instant.now();
    start(Map.of("emporium.registry.zone", "eu-1", "emporium.registry.weight", "3",
        "emporium.registry.version", "1.2.3"));

    await(() -> value(key()).isPresent(), "the key " + key());
    JsonNode value = value(key()).orElseThrow();
    assertThat(value.path("address").asString()).isEqualTo("127.0.0.1:" + port());
    assertThat(value.path("zone").asString()).isEqualTo("eu-1");
    assertThat(value.path("weight").asInt()).isEqualTo(3);
    assertThat(value.path("version").asString()).isEqualTo("1.2.3");
    assertThat(Instant.parse(value.path("startedAt").asString())).isAfterOrEqualTo(before.minusSeconds(1));
    assertThat(entry(key()).orElseThrow().path("lease").asString()).isNotEmpty().isNotEqualTo("0");
  }

  @Test
  void leavesOutTheZoneWhenNoneIsSetAndTakesTheConfiguredInstanceId() {
    start(Map.of("emporium.registry.instance-id", "sample-1", "emporium.registry.advertised-host", "sample.internal"));

    String key = prefix + "/services/sample/sample-1";
    await(() -> value(key).isPresent(), "the key " + key);
    JsonNode value = value(key).orElseThrow();
    assertThat(value.path("address").asString()).isEqualTo("sample.internal:" + port());
    assertThat(value.has("zone")).isFalse();
    assertThat(value.path("weight").asInt()).isEqualTo(1);
  }

  @Test
  void keepAliveKeepsItRegisteredWellBeyondTheTtl() throws InterruptedException {
    start();
    await(() -> value(key()).isPresent(), "registration");
    String lease = entry(key()).orElseThrow().path("lease").asString();

    Thread.sleep(5_000);

    assertThat(entry(key())).isPresent();
    assertThat(entry(key()).orElseThrow().path("lease").asString()).isEqualTo(lease);
  }

  @Test
  void leavesTheRegistryOnShutdownBeforeTheWebServerStops() {
    start(Map.of("emporium.registry.etcd.deregistration-delay", "2s"));
    await(() -> value(key()).isPresent(), "registration");
    String key = key();
    HttpTestClient client = HttpTestClient.forPort(port());

    CompletableFuture<Void> closing = CompletableFuture.runAsync(service::close);
    await(() -> value(key).isEmpty(), "the key to be removed on shutdown");

    // Gateways have dropped the instance; it still answers what they had already sent.
    assertThat(client.get("/health/live").status()).isEqualTo(200);
    closing.join();
    service = null;
  }

  @Test
  void disappearsOnceTheTtlRunsOutWhenTheInstanceDiesWithoutRevoking() throws InterruptedException {
    start();
    await(() -> value(key()).isPresent(), "registration");
    String key = key();

    service.getBean(EtcdRegistration.class).abandon();
    Thread.sleep(500);
    assertThat(value(key)).as("still there before the TTL runs out").isPresent();

    await(() -> value(key).isEmpty(), "the key to expire with its lease");
  }

  @Test
  void registersAgainWhenEtcdComesBackWithoutItsData() {
    start();
    await(() -> value(key()).isPresent(), "registration");

    etcd.wipe();
    assertThat(value(key())).isEmpty();

    await(() -> value(key()).isPresent(), "registration in the new etcd");
    assertThat(service.getBean(EtcdRegistration.class).registered()).isTrue();
  }

  @Test
  void registersAgainWithANewLeaseWhenItsLeaseIsLost() {
    start();
    await(() -> value(key()).isPresent(), "registration");
    String lease = entry(key()).orElseThrow().path("lease").asString();

    // What etcd does to a lease whose renewals did not arrive during a partition.
    etcd.call("/v3/lease/revoke", "{\"ID\":\"" + lease + "\"}");
    assertThat(value(key())).isEmpty();

    await(() -> entry(key()).isPresent(), "registration under a new lease");
    assertThat(entry(key()).orElseThrow().path("lease").asString()).isNotEqualTo(lease);
  }

  @Test
  void staysRegisteredAcrossAnEtcdRestart() throws InterruptedException {
    start();
    await(() -> value(key()).isPresent(), "registration");

    etcd.stop();
    Thread.sleep(1_000);
    etcd.restart();

    await(() -> value(key()).isPresent(), "registration after etcd's restart");
    Thread.sleep(3_000);
    assertThat(value(key())).as("kept alive after the restart").isPresent();
  }

  @Test
  void startsWhileEtcdIsDownAndRegistersOnceItAnswers() throws InterruptedException {
    etcd.stop();
    start();
    assertThat(HttpTestClient.forPort(port()).get("/health/ready").status()).isEqualTo(200);
    Thread.sleep(1_000);
    assertThat(service.getBean(EtcdRegistration.class).registered()).isFalse();

    etcd.restart();

    await(() -> value(key()).isPresent(), "registration once etcd answers");
  }

  @Test
  void triesTheNextEndpointWhenTheFirstDoesNotAnswer() throws Exception {
    int dead;
    try (var socket = new java.net.ServerSocket(0)) {
      dead = socket.getLocalPort();
    }
    start(Map.of("emporium.registry.etcd.endpoints", "127.0.0.1:" + dead + ", " + etcd.endpoint()));

    await(() -> value(key()).isPresent(), "registration through the second endpoint");
  }

  @Test
  void publishesItsRegistrationStateAsMetrics() {
    start();
    await(() -> service.getBean(EtcdRegistration.class).registered(), "registration");

    String metrics = HttpTestClient.forPort(port()).get("/metrics").body();

    assertThat(metrics).contains("emporium_registry_registered{application=\"sample\",registry=\"etcd\"} 1.0")
        .contains("emporium_registry_registrations_total{application=\"sample\",reason=\"start\",registry=\"etcd\"} 1.0")
        .contains("emporium_registry_keepalive_failures_total");
  }

  @Test
  void takesEtcdsAddressesFromEmporiumEtcd() {
    // An argument stands in for the environment variable: both resolve the platform's default
    // emporium.registry.etcd.endpoints=${EMPORIUM_ETCD:}.
    start(Map.of("emporium.registry.etcd.endpoints", "", "EMPORIUM_ETCD", etcd.endpoint()));

    await(() -> value(key()).isPresent(), "registration in the etcd EMPORIUM_ETCD names");
  }

  @Test
  void doesNotRegisterWhenNoEtcdIsNamed() {
    start(Map.of("emporium.registry.etcd.endpoints", ""));

    assertThat(service.getBeansOfType(EtcdRegistration.class)).isEmpty();
  }
}
