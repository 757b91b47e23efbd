package dev.emporium.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.emporium.gateway.policy.PolicyRegistry;
import dev.emporium.gateway.upstream.DiscoveryRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every configuration error names the file, the line and the field, in words a user can act on. */
class ConfigErrorsTest {

  private static final String FILE = "gateway.yaml";

  private static final String VALID = """
      listeners:
        - name: public
          host: 127.0.0.1
          port: 8080
      routes:
        - name: orders
          match:
            path: /api/orders/**
          cluster: orders
      clusters:
        - name: orders
          endpoints:
            - address: 127.0.0.1:9000
      """;

  private final ConfigLoader loader = new ConfigLoader(Map.of("PRESENT", "yes")::get);

  /** The one problem reading {@code yaml} fails with. */
  private ConfigProblem loadProblem(String yaml) {
    ConfigException e = (ConfigException) org.assertj.core.api.Assertions.catchThrowable(() -> loader.parse(FILE, yaml));
    assertThat(e).as("expected the file to be refused").isNotNull();
    assertThat(e.problems()).hasSize(1);
    return e.problems().get(0);
  }

  private List<ConfigProblem> validate(String yaml) {
    return new ConfigValidator(new PolicyRegistry(), new DiscoveryRegistry(), loader.mapper())
        .validate(loader.parse(FILE, yaml));
  }

  /** The 1-based line of the first line of {@code yaml} that contains {@code text}. */
  private static int lineOf(String yaml, String text) {
    List<String> lines = yaml.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) return i + 1;
    }
    throw new AssertionError("no line contains " + text);
  }

  @Test
  void validConfigurationHasNoProblems() {
    assertThat(validate(VALID)).isEmpty();
  }

  @Test
  void unknownFieldNamesTheFieldAndTheKnownOnes() {
    String yaml = VALID.replace("    endpoints:", "    timeout: 5s\n    endpoints:");
    ConfigProblem problem = loadProblem(yaml);

    assertThat(problem.file()).isEqualTo(FILE);
    assertThat(problem.line()).isEqualTo(lineOf(yaml, "timeout: 5s"));
    assertThat(problem.field()).isEqualTo("clusters[0].timeout");
    assertThat(problem.message()).contains("unknown field 'timeout'").contains("timeouts").contains("deadline");
  }

  @Test
  void badDurationNamesItsField() {
    String yaml = VALID + "    timeouts:\n      request: 5 seconds\n";
    ConfigProblem problem = loadProblem(yaml);

    assertThat(problem.line()).isEqualTo(lineOf(yaml, "5 seconds"));
    assertThat(problem.field()).isEqualTo("clusters[0].timeouts.request");
    assertThat(problem.message()).contains("5 seconds");
  }

  @Test
  void durationWithoutAUnitAsksForOne() {
    String yaml = VALID + "    deadline: 15\n";
    ConfigProblem problem = loadProblem(yaml);

    assertThat(problem.line()).isEqualTo(lineOf(yaml, "deadline: 15"));
    assertThat(problem.field()).isEqualTo("clusters[0].deadline");
    assertThat(problem.message()).contains("unit");
  }

  @Test
  void wrongTypeSaysWhatWasExpected() {
    String yaml = VALID + "    retry:\n      retries: many\n";
    ConfigProblem problem = loadProblem(yaml);

    assertThat(problem.line()).isEqualTo(lineOf(yaml, "retries: many"));
    assertThat(problem.field()).isEqualTo("clusters[0].retry.retries");
    assertThat(problem.message()).isEqualTo("cannot read 'many' as a whole number");
  }

  @Test
  void malformedYamlNamesTheLine() {
    String yaml = VALID.replace("    cluster: orders", "    cluster: [orders");
    ConfigProblem problem = loadProblem(yaml);

    assertThat(problem.line()).isGreaterThanOrEqualTo(lineOf(yaml, "[orders"));
    assertThat(problem.toString()).startsWith(FILE + ":" + problem.line());
  }

  @Test
  void emptyFileIsRefused() {
    for (String empty : new String[] {"", "\n\n", "# nothing yet\n", "---\n"}) {
      ConfigProblem problem = loadProblem(empty);
      assertThat(problem.message()).contains("empty");
      assertThat(problem.line()).isEqualTo(1);
    }
  }

  @Test
  void missingEnvironmentVariableNamesItAndItsLine() {
    String yaml = VALID + "admin:\n  token: ${ABSENT_TOKEN}\n";
    ConfigProblem problem = loadProblem(yaml);

    assertThat(problem.line()).isEqualTo(lineOf(yaml, "ABSENT_TOKEN"));
    assertThat(problem.message()).contains("ABSENT_TOKEN").contains(":-");
  }

  @Test
  void unknownClusterIsReportedAtTheRoutesLine() {
    String yaml = VALID.replace("    cluster: orders", "    cluster: ordres");
    List<ConfigProblem> problems = validate(yaml);

    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.field()).isEqualTo("routes[0].cluster");
      assertThat(p.line()).isEqualTo(lineOf(yaml, "cluster: ordres"));
      assertThat(p.message()).isEqualTo("unknown cluster 'ordres'");
      assertThat(p.toString()).isEqualTo(FILE + ":" + p.line() + ": routes[0].cluster: unknown cluster 'ordres'");
    });
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    String yaml = VALID.replace("    cluster: orders", "    cluster: ordres") + """
            circuitBreaker:
              failureRateThreshold: 150
            retry:
              on: [reset, 502]
            bulkhead:
              maxConcurrentRequests: 0
        admin:
          port: 8080
          token: short
        """;
    List<ConfigProblem> problems = validate(yaml);

    assertThat(problems).extracting(ConfigProblem::field).containsExactlyInAnyOrder(
        "routes[0].cluster",
        "clusters[0].circuitBreaker.failureRateThreshold",
        "clusters[0].retry.on[1]",
        "clusters[0].bulkhead.maxConcurrentRequests",
        "admin.port",
        "admin.token");
    assertThat(problems).allSatisfy(p -> assertThat(p.line()).isPositive());
    ConfigProblem on = problems.stream().filter(p -> p.field().equals("clusters[0].retry.on[1]")).findFirst().orElseThrow();
    assertThat(on.message()).contains("'502'").contains("connect-failure, reset, 503, timeout");
    ConfigProblem admin = problems.stream().filter(p -> p.field().equals("admin.port")).findFirst().orElseThrow();
    assertThat(admin.message()).contains("differ from every data port");
    assertThat(admin.line()).isEqualTo(lineOf(yaml, "admin:") + 1);
  }

  @Test
  void routeResilienceSettingsAreChecked() {
    String yaml = VALID.replace("    cluster: orders\n", """
            cluster: orders
            deadline: 0s
            timeouts:
              request: 0ms
            retry:
              jitter: 2.0
              backoff: 2s
              maxBackoff: 1s
            fallback:
              status: 700
              on: [always]
        """);
    assertThat(validate(yaml)).extracting(ConfigProblem::field).containsExactlyInAnyOrder(
        "routes[0].deadline",
        "routes[0].timeouts.request",
        "routes[0].retry.jitter",
        "routes[0].retry.maxBackoff",
        "routes[0].fallback.status",
        "routes[0].fallback.on[0]");
  }

  @Test
  void exceptionMessageListsEveryProblemOnItsOwnLine() {
    ConfigException e = new ConfigException(List.of(new ConfigProblem(FILE, 3, "a.b", "first"),
        new ConfigProblem(FILE, 0, "", "second")));
    assertThat(e.getMessage()).isEqualTo(FILE + ":3: a.b: first\n" + FILE + ": second");
    assertThatThrownBy(() -> loader.load(java.nio.file.Path.of("/nonexistent/gateway.yaml")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("/nonexistent/gateway.yaml").hasMessageContaining("cannot read");
  }
}
