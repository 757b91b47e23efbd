package dev.emporium.deploy.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The rule files and their unit tests, run by promtool; each check is shown to catch a broken rule. */
class PrometheusRulesTest {

  @Test
  void promtoolAcceptsEveryRuleFile() {
    List<String> args = new ArrayList<>(List.of("check", "rules"));
    ObservabilityFiles.ruleFiles().forEach(f -> args.add(f.toString()));

    Promtool.Result result = Promtool.run(ObservabilityFiles.RULES, args.toArray(String[]::new));

    assertThat(result.succeeded()).as(result.output()).isTrue();
    assertThat(ObservabilityFiles.ruleFiles()).extracting(p -> p.getFileName().toString())
        .contains("slo-availability.yml", "slo-error-rate.yml", "slo-latency.yml", "platform-alerts.yml");
  }

  @Test
  void promtoolRefusesARuleFileWithABrokenExpression(@TempDir Path dir) throws IOException {
    Path broken = dir.resolve("broken.yml");
    Files.writeString(broken, Files.readString(ObservabilityFiles.RULES.resolve("platform-alerts.yml"))
        .replace("expr: up == 0", "expr: up == (0"));

    Promtool.Result result = Promtool.run(dir, "check", "rules", broken.toString());

    assertThat(result.succeeded()).as(result.output()).isFalse();
    assertThat(result.output()).contains("broken.yml");
  }

  @Test
  void theRuleUnitTestsPass() {
    Promtool.Result result = runUnitTests(ObservabilityFiles.PROMETHEUS);

    assertThat(result.succeeded()).as(result.output()).isTrue();
    assertThat(result.output()).doesNotContain("FAILED");
  }

  @Test
  void everyAlertHasAUnitTest() throws IOException {
    StringBuilder tests = new StringBuilder();
    for (Path test : ObservabilityFiles.ruleTests()) tests.append(Files.readString(test));
    Set<String> untested = new TreeSet<>();
    ObservabilityFiles.rules().stream().filter(ObservabilityFiles.Rule::alert)
        .filter(r -> !tests.toString().contains("alertname: " + r.name() + "\n")
            && !tests.toString().contains("alertname: " + r.name() + ","))
        .forEach(r -> untested.add(r.name()));

    assertThat(untested).isEmpty();
  }

  @Test
  void everyRunbookLinkPointsAtASectionOfTheObservabilityGuide() throws IOException {
    Set<String> anchors = new TreeSet<>();
    for (String line : Files.readAllLines(ObservabilityFiles.REPOSITORY.resolve("docs/observability.md"))) {
      if (line.startsWith("#")) {
        anchors.add(line.replaceFirst("^#+\\s*", "").toLowerCase(java.util.Locale.ROOT)
            .replaceAll("[^a-z0-9 -]", "").replace(' ', '-'));
      }
    }
    Set<String> links = new TreeSet<>();
    for (Path file : ObservabilityFiles.ruleFiles()) {
      for (var group : ObservabilityFiles.yaml(file).path("groups")) {
        for (var rule : group.path("rules")) {
          if (rule.has("alert")) {
            String runbook = rule.path("annotations").path("runbook").asText();
            assertThat(runbook).as(rule.path("alert").asText()).startsWith("docs/observability.md#");
            links.add(runbook.substring(runbook.indexOf('#') + 1));
          }
        }
      }
    }
    assertThat(links).isNotEmpty();
    assertThat(anchors).containsAll(links);
  }

  /**
   * Rules broken the way a careless edit would break them; the unit tests must notice each one.
   * The copy of deploy/prometheus in a temporary directory keeps the tests' relative paths.
   */
  static Stream<Arguments> brokenRules() {
    return Stream.of(
        Arguments.of("slo-error-rate.yml", "> (14.4 * 0.001)", "> (144 * 0.001)", "fast tier's burn rate off by 10"),
        Arguments.of("slo-error-rate.yml", "(6 * 0.001)", "(3 * 0.001)", "high tier's burn rate lowered"),
        Arguments.of("slo-error-rate.yml", "\n            and\n", "\n            or\n", "short window no longer required"),
        Arguments.of("slo-error-rate.yml", "status_class!=\"aborted\"", "status_class!=\"none\"", "aborted requests counted"),
        Arguments.of("slo-latency.yml", "le=\"0.5\"", "le=\"1.0\"", "latency threshold moved to 1 s"),
        Arguments.of("slo-latency.yml", "(3 * 0.05)", "(3 * 0.5)", "medium tier's latency budget"),
        Arguments.of("slo-availability.yml", "for: 2m", "for: 20m", "fast tier's wait"),
        Arguments.of("slo-availability.yml", "{component!=\"simulator\"}", "", "simulators paging"),
        Arguments.of("platform-alerts.yml", "decision=\"limited\"}[5m])) > 1", "decision=\"limited\"}[5m])) > 0", "rate-limit floor"),
        Arguments.of("platform-alerts.yml", "emporium_outbox_published_total", "emporium_outbox_publish_failures_total", "stalled outbox reads the wrong counter"),
        Arguments.of("platform-alerts.yml", "reason=\"timeout\"", "reason=\"payment-declined\"", "stuck orders"));
  }

  @ParameterizedTest(name = "{3}")
  @MethodSource("brokenRules")
  void theUnitTestsFailWhenARuleIsBroken(String file, String from, String to, String what, @TempDir Path dir)
      throws IOException {
    copyTree(ObservabilityFiles.PROMETHEUS, dir);
    Path rule = dir.resolve("rules").resolve(file);
    String text = Files.readString(rule);
    assertThat(text).as("the text to break is in " + file).contains(from);
    Files.writeString(rule, text.replace(from, to));

    Promtool.Result result = runUnitTests(dir);

    assertThat(result.succeeded()).as(what + " went unnoticed:\n" + result.output()).isFalse();
  }

  private static Promtool.Result runUnitTests(Path prometheusDir) {
    List<String> args = new ArrayList<>(List.of("test", "rules"));
    ObservabilityFiles.ruleTests().forEach(t -> args.add("tests/" + t.getFileName()));
    return Promtool.run(prometheusDir, args.toArray(String[]::new));
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path p : paths.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(target);
        else Files.copy(p, target);
      }
    }
  }
}
