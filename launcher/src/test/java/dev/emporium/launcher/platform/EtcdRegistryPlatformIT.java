package dev.emporium.launcher.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.gateway.Gateway;
import dev.emporium.gateway.GatewayOptions;
import dev.emporium.gateway.policy.PolicyRegistry;
import dev.emporium.gateway.upstream.Cluster;
import dev.emporium.gateway.upstream.DiscoveryRegistry;
import dev.emporium.gateway.upstream.Endpoint;
import dev.emporium.platform.testing.EtcdServer;
import dev.emporium.platform.testing.InProcessKafka;
import dev.emporium.platform.testing.PostgresDatabases;
import dev.emporium.platform.testing.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real service (recommendation, on PostgreSQL and the in-process Kafka) started the way
 * {@code emporium service} starts it, with {@code EMPORIUM_ETCD} naming a real etcd, and the
 * gateway running {@code gateway/examples/platform-etcd.yaml}: traffic reaches the instances that
 * registered, and follows them as they come and go.
 */
class EtcdRegistryPlatformIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String prefix = "/t" + UUID.randomUUID().toString().substring(0, 8);
  private EtcdServer etcd;
  private TestDatabase db;
  private Path overrides;
  private Gateway gateway;
  private final Map<String, String> topics = new HashMap<>();

  @BeforeEach
  void engines() throws IOException {
    etcd = EtcdServer.start();
    db = PostgresDatabases.create(EtcdRegistryPlatformIT.class);
    overrides = Files.createTempDirectory("emporium-service-config");
    InProcessKafka kafka = InProcessKafka.shared();
    topics.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
    topics.put("emporium.recommendation.product-topic", kafka.newTopic("product-events"));
    topics.put("emporium.recommendation.order-topic", kafka.newTopic("order-events"));
    topics.put("emporium.recommendation.consumer-group", InProcessKafka.uniqueName("recommendation-it"));
  }

  @AfterEach
  void stop() throws IOException {
    if (gateway != null) gateway.shutdown();
    etcd.close();
    db.close();
    Files.deleteIfExists(overrides);
  }

  /** One recommendation instance, as {@code EMPORIUM_ETCD=... emporium service recommendation} runs it. */
  private ConfigurableApplicationContext recommendation() {
    ServiceDefinition definition = PlatformServices.named("recommendation").orElseThrow();
    Map<String, String> settings = new HashMap<>(topics);
    settings.put("server.port", "0");
    settings.put("server.address", "127.0.0.1");
    settings.put("spring.datasource.url", db.jdbcUrl());
    settings.put("spring.datasource.username", db.username());
    settings.put("spring.datasource.password", db.password());
    // The variable itself, as the environment would give it: the platform's defaults map it.
    settings.put("EMPORIUM_ETCD", etcd.address());
    settings.put("emporium.registry.etcd.prefix", prefix);
    return ServiceRunner.start(definition, settings, overrides);
  }

  private void startGateway() {
    Map<String, String> env = Map.of(
        "EMPORIUM_ETCD", etcd.endpoint(),
        "EMPORIUM_ETCD_PREFIX", prefix,
        "EMPORIUM_GATEWAY_PORT", "0",
        "EMPORIUM_ADMIN_PORT", "0",
        "EMPORIUM_ADMIN_TOKEN", "platform-etcd-test-token-0123456789",
        "EMPORIUM_ACCESS_LOG", "stderr");
    gateway = Gateway.start(new GatewayOptions(Path.of("../gateway/examples/platform-etcd.yaml").toAbsolutePath(),
        new PolicyRegistry(), new DiscoveryRegistry(), env::get));
  }

  private static int port(ConfigurableApplicationContext service) {
    return ((WebServerApplicationContext) service).getWebServer().getPort();
  }

  /** The recommendation cluster's endpoints that get traffic: discovered and passing their health checks. */
  private Set<String> available() {
    Cluster cluster = gateway.state().clusters().get("recommendation");
    return cluster.endpoints().available().stream().map(Endpoint::id).collect(Collectors.toSet());
  }

  private HttpResponse<String> popular() {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port("public")
          + "/api/recommendations/popular?limit=4")).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void theGatewayRoutesToTheInstancesThatRegisteredAndFollowsThemAsTheyComeAndGo() {
    ConfigurableApplicationContext first = recommendation();
    String firstAddress = "127.0.0.1:" + port(first);
    startGateway();

    await(() -> available().equals(Set.of(firstAddress)), "the first instance, discovered and healthy");
    HttpResponse<String> answer = popular();
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    assertThat(answer.body()).contains("\"items\"");

    ConfigurableApplicationContext second = recommendation();
    String secondAddress = "127.0.0.1:" + port(second);
    await(() -> available().equals(Set.of(firstAddress, secondAddress)), "the second instance to join");

    // A graceful stop leaves the registry first: the gateway drops the instance, no request fails.
    first.close();
    assertThat(available()).containsExactly(secondAddress);
    for (int i = 0; i < 10; i++) {
      assertThat(popular().statusCode()).isEqualTo(200);
    }
    second.close();
    await(() -> available().isEmpty(), "no instance left");
    assertThat(popular().statusCode()).isEqualTo(503);
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
}
