package dev.emporium.deploy.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus (Debian package {@code prometheus}) running deploy/prometheus/prometheus.yml,
 * pointed at a live gateway: the gateway job is scraped as configured (path, no credentials), the
 * recording rules evaluate without errors and produce the SLO series from real samples.
 */
class PrometheusServerIT {

  static final Path BINARY = Path.of(System.getProperty("emporium.prometheus", "/usr/bin/prometheus"));
  static final HttpClient CLIENT = HttpClient.newHttpClient();

  @TempDir static Path dir;
  static TinyUpstream upstream;
  static LiveGateway gateway;
  static Process prometheus;
  static int port;

  @BeforeAll
  static void start() throws IOException {
    if (!Files.isExecutable(BINARY)) {
      throw new IllegalStateException(BINARY + " is missing: install the Debian package 'prometheus'");
    }
    upstream = TinyUpstream.start();
    gateway = LiveGateway.start("""
        routes:
          - name: shop
            match: {path: /shop/**}
            cluster: shop
        clusters:
          - name: shop
            endpoints: [{address: %s}]
        """.formatted(upstream.address()));
    // The repository's configuration, with the gateway's real admin port, a fast pace for the test and
    // the rule files by absolute path.
    String config = Files.readString(ObservabilityFiles.PROMETHEUS.resolve("prometheus.yml"))
        .replace("'127.0.0.1:9901'", "'127.0.0.1:" + gateway.adminPort() + "'")
        .replace("scrape_interval: 15s", "scrape_interval: 1s")
        .replace("scrape_timeout: 10s", "scrape_timeout: 1s")
        .replace("evaluation_interval: 15s", "evaluation_interval: 1s")
        .replace("  - rules/*.yml", "  - " + ObservabilityFiles.RULES + "/*.yml");
    Path file = dir.resolve("prometheus.yml");
    Files.writeString(file, config);
    port = ServiceProcess.freePort();
    prometheus = new ProcessBuilder(BINARY.toString(), "--config.file=" + file,
        "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
        .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (prometheus != null) {
      prometheus.destroy();
      if (!prometheus.waitFor(20, TimeUnit.SECONDS)) prometheus.destroyForcibly();
    }
    if (gateway != null) gateway.close();
    if (upstream != null) upstream.close();
  }

  static JsonNode api(String path) {
    try {
      HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
          .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
      return ObservabilityFiles.JSON.readTree(response.body());
    } catch (IOException e) {
      return ObservabilityFiles.JSON.createObjectNode();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static JsonNode query(String promql) {
    return api("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)).path("data").path("result");
  }

  /** Polls {@code promql} (sending traffic meanwhile) until its result satisfies {@code done}. */
  static JsonNode awaitQuery(String promql, Predicate<JsonNode> done) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    JsonNode result;
    do {
      if (!prometheus.isAlive()) throw new IllegalStateException("prometheus exited; see " + dir.resolve("prometheus.log"));
      gateway.get("/shop/item");
      result = query(promql);
      if (done.test(result)) return result;
      ServiceProcess.sleep(500);
    } while (System.nanoTime() < deadline);
    throw new AssertionError(promql + " never satisfied the test; last result " + result + "; log in "
        + dir.resolve("prometheus.log"));
  }

  @Test
  void scrapesTheGatewayAsConfigured() {
    JsonNode up = awaitQuery("up{job=\"gateway\"}", r -> r.size() == 1 && r.path(0).path("value").path(1).asText().equals("1"));

    assertThat(up.path(0).path("metric").path("component").asText()).isEqualTo("gateway");
    assertThat(query("gateway_requests_seconds_count{job=\"gateway\",route=\"shop\"}")).isNotEmpty();
  }

  @Test
  void recordsTheSloSeriesFromLiveSamples() {
    JsonNode errors = awaitQuery("gateway:slo_errors:ratio_rate5m", r -> r.size() == 1);
    assertThat(errors.path(0).path("value").path(1).asDouble()).isZero();
    assertThat(awaitQuery("job:slo_unavailable:ratio_avg5m{job=\"gateway\"}", r -> r.size() == 1)
        .path(0).path("value").path(1).asDouble()).isZero();
    assertThat(awaitQuery("route:gateway_requests:rate5m", r -> r.size() == 1).path(0).path("metric").path("route")
        .asText()).isEqualTo("shop");
  }

  @Test
  void everyRuleGroupLoadsAndEvaluatesWithoutErrors() {
    awaitQuery("gateway:slo_errors:ratio_rate5m", r -> r.size() == 1);
    List<String> notOk = new ArrayList<>();
    int rules = 0;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    do {
      notOk.clear();
      rules = 0;
      for (JsonNode group : api("/api/v1/rules").path("data").path("groups")) {
        for (JsonNode rule : group.path("rules")) {
          rules++;
          if (!rule.path("health").asText().equals("ok")) {
            notOk.add(rule.path("name").asText() + " " + rule.path("health").asText() + ": " + rule.path("lastError").asText());
          }
        }
      }
      if (notOk.isEmpty() && rules > 0) break;
      ServiceProcess.sleep(500);
    } while (System.nanoTime() < deadline);

    assertThat(rules).isEqualTo(ObservabilityFiles.rules().size());
    assertThat(notOk).isEmpty();
  }
}
