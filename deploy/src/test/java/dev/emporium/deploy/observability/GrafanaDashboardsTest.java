package dev.emporium.deploy.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboards and their provisioning: well-formed, wired to the provisioned data source, and
 * every query one Prometheus parses (promtool checks them as the expressions of a generated rule
 * file, Grafana's variables replaced). GatewayScrapeIT and ServiceScrapeIT check their metric names.
 */
class GrafanaDashboardsTest {

  static final Path PROVISIONING = ObservabilityFiles.GRAFANA.resolve("provisioning");

  static String datasourceUid() {
    JsonNode datasources = ObservabilityFiles.yaml(PROVISIONING.resolve("datasources/emporium.yml")).path("datasources");
    assertThat(datasources).hasSize(1);
    assertThat(datasources.path(0).path("type").asText()).isEqualTo("prometheus");
    return datasources.path(0).path("uid").asText();
  }

  @Test
  void provisioningNamesThePrometheusDataSourceAndTheDashboardDirectory() {
    JsonNode datasources = ObservabilityFiles.yaml(PROVISIONING.resolve("datasources/emporium.yml"));
    JsonNode providers = ObservabilityFiles.yaml(PROVISIONING.resolve("dashboards/emporium.yml"));

    assertThat(datasources.path("apiVersion").asInt()).isEqualTo(1);
    assertThat(datasourceUid()).isEqualTo("emporium-prometheus");
    assertThat(datasources.path("datasources").path(0).path("jsonData").path("timeInterval").asText())
        .as("the scrape interval of prometheus.yml")
        .isEqualTo(ObservabilityFiles.yaml(PrometheusConfigTest.CONFIG).path("global").path("scrape_interval").asText());
    assertThat(providers.path("apiVersion").asInt()).isEqualTo(1);
    assertThat(providers.path("providers").path(0).path("type").asText()).isEqualTo("file");
    assertThat(providers.path("providers").path(0).path("options").path("path").asText())
        .isEqualTo("${EMPORIUM_GRAFANA_DASHBOARDS}");
  }

  @Test
  void everyDashboardIsWellFormedAndUsesTheProvisionedDataSource() {
    String uid = datasourceUid();
    Set<String> dashboardUids = new HashSet<>();
    assertThat(ObservabilityFiles.dashboards()).extracting(p -> p.getFileName().toString())
        .contains("gateway.json", "saga.json");
    for (Path file : ObservabilityFiles.dashboards()) {
      JsonNode dashboard = ObservabilityFiles.json(file);
      assertThat(dashboardUids.add(dashboard.path("uid").asText())).as("unique uid in " + file).isTrue();
      assertThat(dashboard.path("title").asText()).as(file.toString()).startsWith("Emporium / ");
      Set<Integer> ids = new HashSet<>();
      List<JsonNode> panels = new ArrayList<>();
      dashboard.path("panels").forEach(panels::add);
      assertThat(panels).as(file + " has panels").isNotEmpty();
      for (JsonNode panel : panels) {
        String title = file.getFileName() + ": " + panel.path("title").asText();
        assertThat(ids.add(panel.path("id").asInt())).as("unique id " + title).isTrue();
        JsonNode grid = panel.path("gridPos");
        assertThat(grid.path("x").asInt() + grid.path("w").asInt()).as("fits 24 columns: " + title).isLessThanOrEqualTo(24);
        if ("row".equals(panel.path("type").asText())) continue;
        assertThat(panel.path("datasource").path("uid").asText()).as(title).isEqualTo(uid);
        assertThat(panel.path("targets")).as("queries of " + title).isNotEmpty();
        for (JsonNode target : panel.path("targets")) {
          assertThat(target.path("datasource").path("uid").asText()).as(title).isEqualTo(uid);
          assertThat(target.path("expr").asText()).as(title).isNotBlank();
        }
      }
      for (JsonNode variable : dashboard.path("templating").path("list")) {
        assertThat(variable.path("datasource").path("uid").asText()).isEqualTo(uid);
      }
    }
  }

  @Test
  void everyQueryIsPromQlThatPrometheusAccepts(@TempDir Path dir) throws IOException {
    List<ObservabilityFiles.Query> queries = ObservabilityFiles.dashboardQueries();
    assertThat(queries).hasSizeGreaterThan(40);

    Promtool.Result result = checkAsRules(dir, queries.stream().map(q -> PromQl.fromGrafana(q.expr())).toList());

    assertThat(result.succeeded()).as(result.output()).isTrue();
    assertThat(result.output()).contains("SUCCESS: " + queries.size() + " rules found");
  }

  @Test
  void theQueryCheckCatchesABrokenQuery(@TempDir Path dir) throws IOException {
    Promtool.Result result = checkAsRules(dir,
        List.of("sum by (route) (rate(gateway_requests_seconds_count[5m])", "rate(gateway_requests_seconds_count)"));

    assertThat(result.succeeded()).isFalse();
    assertThat(result.output()).contains("dashboard:query_0", "dashboard:query_1");
  }

  @Test
  void everyRecordedSeriesADashboardReadsIsRecordedByTheRules() {
    Set<String> recorded = ObservabilityFiles.recordedNames();
    Set<String> missing = new TreeSet<>();
    for (ObservabilityFiles.Query query : ObservabilityFiles.dashboardQueries()) {
      PromQl.metricNames(PromQl.fromGrafana(query.expr())).stream()
          .filter(name -> name.contains(":") && !recorded.contains(name)).forEach(missing::add);
    }
    assertThat(missing).isEmpty();
    assertThat(ObservabilityFiles.dashboardQueries()).anyMatch(q -> q.expr().contains("gateway:slo_errors:ratio_rate1h"));
  }

  /** Writes the expressions as the recording rules of one group and runs promtool check rules. */
  private static Promtool.Result checkAsRules(Path dir, List<String> exprs) throws IOException {
    ObjectNode root = ObservabilityFiles.YAML.createObjectNode();
    ObjectNode group = root.putArray("groups").addObject().put("name", "dashboards");
    ArrayNode rules = group.putArray("rules");
    for (int i = 0; i < exprs.size(); i++) {
      rules.addObject().put("record", "dashboard:query_" + i).put("expr", exprs.get(i));
    }
    Path file = dir.resolve("dashboard-queries.yml");
    ObservabilityFiles.YAML.writeValue(file.toFile(), root);
    return Promtool.run(dir, "check", "rules", file.toString());
  }
}
