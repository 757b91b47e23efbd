package dev.emporium.deploy.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** prometheus.yml as Prometheus reads it, and as the services and the gateway really serve metrics. */
class PrometheusConfigTest {

  static final Path CONFIG = ObservabilityFiles.PROMETHEUS.resolve("prometheus.yml");

  @Test
  void promtoolAcceptsTheConfigurationAndEveryRuleFileItLoads() {
    Promtool.Result result = Promtool.run(ObservabilityFiles.PROMETHEUS, "check", "config", CONFIG.toString());

    assertThat(result.succeeded()).as(result.output()).isTrue();
    for (Path rules : ObservabilityFiles.ruleFiles()) {
      assertThat(result.output()).as("rule file loaded by the config").contains(rules.getFileName().toString());
    }
  }

  @Test
  void promtoolRefusesABrokenConfiguration(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("prometheus.yml"),
        Files.readString(CONFIG).replace("scrape_interval: 15s", "scrape_interval: fifteen seconds"));

    assertThat(Promtool.run(dir, "check", "config", "prometheus.yml").succeeded()).isFalse();
  }

  /**
   * The commented Kubernetes example, uncommented, is a scrape job Prometheus accepts. Debian's
   * Prometheus is built without Kubernetes discovery, so promtool judges the job with its discovery
   * swapped for a static target (relabelling, paths and names as written), and the discovery block
   * is checked by structure.
   */
  @Test
  void theKubernetesDiscoveryExampleIsValidOnceUncommented(@TempDir Path dir) throws IOException {
    List<String> lines = Files.readAllLines(CONFIG);
    int start = lines.indexOf("  # - job_name: kubernetes-pods");
    assertThat(start).as("the example's first line").isPositive();
    StringBuilder example = new StringBuilder("scrape_configs:\n");
    for (int i = start; i < lines.size() && lines.get(i).startsWith("  #"); i++) {
      example.append("  ").append(lines.get(i).substring(4)).append('\n');
    }
    JsonNode job = ObservabilityFiles.YAML.readTree(example.toString()).path("scrape_configs").path(0);
    assertThat(job.path("kubernetes_sd_configs").path(0).path("role").asText()).isEqualTo("pod");
    assertThat(job.path("relabel_configs").findValuesAsText("target_label"))
        .contains("__metrics_path__", "__address__", "job");

    String withStaticTargets = example.toString().replaceAll(
        "(?s)    kubernetes_sd_configs:\\n.*?(?=    relabel_configs:)", "    static_configs:\n      - targets: ['127.0.0.1:8084']\n");
    Files.writeString(dir.resolve("kubernetes.yml"), withStaticTargets);
    Promtool.Result result = Promtool.run(dir, "check", "config", "kubernetes.yml");
    assertThat(result.succeeded()).as(withStaticTargets + "\n" + result.output()).isTrue();
    assertThat(withStaticTargets).doesNotContain("kubernetes_sd_configs");
  }

  @Test
  void everyServiceIsScrapedOnItsOwnPortAtTheActuatorsMetricsPath() throws IOException {
    Map<String, String> targets = new LinkedHashMap<>();
    Map<String, String> paths = new LinkedHashMap<>();
    for (JsonNode job : ObservabilityFiles.yaml(CONFIG).path("scrape_configs")) {
      targets.put(job.path("job_name").asText(), job.path("static_configs").path(0).path("targets").path(0).asText());
      paths.put(job.path("job_name").asText(), job.path("metrics_path").asText("/metrics"));
    }
    String defaults = Files.readString(ObservabilityFiles.REPOSITORY.resolve(
        "platform/service/src/main/resources/emporium-platform-defaults.properties"));
    assertThat(defaults).contains("management.endpoints.web.base-path=/",
        "management.endpoints.web.path-mapping.prometheus=metrics");

    List<String> services = new ArrayList<>();
    try (var dirs = Files.list(ObservabilityFiles.REPOSITORY.resolve("services"))) {
      dirs.filter(d -> Files.exists(d.resolve("src/main/resources/application.properties"))).sorted().forEach(d -> {
        Properties properties = load(d.resolve("src/main/resources/application.properties"));
        String name = properties.getProperty("spring.application.name");
        services.add(name);
        assertThat(targets).as("a job for " + name).containsKey(name);
        assertThat(targets.get(name)).isEqualTo("127.0.0.1:" + properties.getProperty("server.port"));
        assertThat(paths.get(name)).isEqualTo("/metrics");
      });
    }
    assertThat(services).hasSizeGreaterThanOrEqualTo(12);
    assertThat(targets).containsEntry("gateway", "127.0.0.1:9901");
    assertThat(paths).containsEntry("gateway", "/metrics");
    assertThat(targets.keySet()).as("nothing but the gateway and the services").hasSize(services.size() + 1);
  }

  private static Properties load(Path file) {
    Properties properties = new Properties();
    try (var in = Files.newBufferedReader(file)) {
      properties.load(in);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return properties;
  }
}
