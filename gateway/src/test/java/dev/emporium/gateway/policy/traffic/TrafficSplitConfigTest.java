package dev.emporium.gateway.policy.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.emporium.gateway.config.ConfigLoader;
import dev.emporium.gateway.config.ConfigProblem;
import dev.emporium.gateway.config.ConfigValidator;
import dev.emporium.gateway.policy.PolicyRegistry;
import dev.emporium.gateway.upstream.DiscoveryRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A traffic split is checked when it is loaded: weights, rules, stickiness and the clusters named. */
class TrafficSplitConfigTest {

  private static final String FILE = "gateway.yaml";

  private static final String YAML = """
      listeners:
        - name: public
          host: 127.0.0.1
          port: 8080
      routes:
        - name: orders
          match:
            path: /api/orders/**
          cluster: orders-v1
          policies:
            - traffic-split:
                weights:
                  orders-v1: 90
                  orders-v2: 10
                rules:
                  - header: X-Beta
                    value: "true"
                    cluster: orders-v2
                sticky:
                  cookie: session
      clusters:
        - name: orders-v1
          endpoints:
            - address: 127.0.0.1:9001
        - name: orders-v2
          endpoints:
            - address: 127.0.0.1:9002
      """;

  private final ConfigLoader loader = new ConfigLoader(Map.<String, String>of()::get);

  private List<ConfigProblem> validate(String yaml) {
    return new ConfigValidator(new PolicyRegistry(), new DiscoveryRegistry(), loader.mapper())
        .validate(loader.parse(FILE, yaml));
  }

  private static int lineOf(String yaml, String text) {
    List<String> lines = yaml.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) return i + 1;
    }
    throw new AssertionError("no line contains " + text);
  }

  private static Map<String, Integer> weights(Object... pairs) {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) out.put((String) pairs[i], (Integer) pairs[i + 1]);
    return out;
  }

  @Test
  void aValidSplitHasNoProblems() {
    assertThat(validate(YAML)).isEmpty();
  }

  @Test
  void unknownClusterInTheWeightsIsRejectedAtLoadWithFileLineAndField() {
    String yaml = YAML.replace("orders-v2: 10", "orders-v3: 10");

    List<ConfigProblem> problems = validate(yaml);

    assertThat(problems).hasSize(1);
    ConfigProblem problem = problems.get(0);
    assertThat(problem.file()).isEqualTo(FILE);
    assertThat(problem.field()).isEqualTo("routes[0].policies[0].traffic-split.weights.orders-v3");
    assertThat(problem.line()).isEqualTo(lineOf(yaml, "orders-v3: 10"));
    assertThat(problem.message()).contains("unknown cluster 'orders-v3'");
  }

  @Test
  void unknownClusterInARuleIsRejectedAtLoad() {
    String yaml = YAML.replace("    cluster: orders-v2", "    cluster: orders-beta");

    List<ConfigProblem> problems = validate(yaml);

    assertThat(problems).extracting(ConfigProblem::field)
        .containsExactly("routes[0].policies[0].traffic-split.rules[0].cluster");
    assertThat(problems.get(0).line()).isEqualTo(lineOf(yaml, "cluster: orders-beta"));
  }

  @Test
  void badWeightIsRejectedAtLoadNamingTheWeight() {
    String yaml = YAML.replace("orders-v2: 10", "orders-v2: -5");

    List<ConfigProblem> problems = validate(yaml);

    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).field()).isEqualTo("routes[0].policies[0].traffic-split");
    assertThat(problems.get(0).line()).isEqualTo(lineOf(yaml, "traffic-split:"));
    assertThat(problems.get(0).message()).contains("weights.orders-v2").contains("between 0 and 10000");
  }

  @Test
  void weightsMustNotAllBeZero() {
    assertThatThrownBy(() -> new TrafficSplitConfig(weights("a", 0, "b", 0), null, null))
        .isInstanceOfSatisfying(SplitConfigException.class, e -> assertThat(e.field()).isEqualTo("weights"));
    assertThatThrownBy(() -> new TrafficSplitConfig(Map.of(), null, null))
        .isInstanceOfSatisfying(SplitConfigException.class, e -> assertThat(e.field()).isEqualTo("weights"));
    assertThatThrownBy(() -> new TrafficSplitConfig(weights("a", 10_001), null, null))
        .isInstanceOfSatisfying(SplitConfigException.class, e -> assertThat(e.field()).isEqualTo("weights.a"));
  }

  @Test
  void ruleNeedsOneSubjectOneTestAndACluster() {
    Map<String, Integer> w = weights("a", 1);
    assertThatThrownBy(() -> new TrafficSplitConfig(w,
        List.of(new SplitRule("X-Beta", "beta", "1", null, null, "a")), null))
        .isInstanceOfSatisfying(SplitConfigException.class, e -> assertThat(e.field()).isEqualTo("rules[0]"));
    assertThatThrownBy(() -> new TrafficSplitConfig(w,
        List.of(new SplitRule("X-Beta", null, "1", "1", null, "a")), null))
        .isInstanceOfSatisfying(SplitConfigException.class, e -> assertThat(e.field()).isEqualTo("rules[0]"));
    assertThatThrownBy(() -> new TrafficSplitConfig(w,
        List.of(new SplitRule("X-Beta", null, "1", null, null, "a"), new SplitRule(null, "b", null, "(", null, "a")),
        null))
        .isInstanceOfSatisfying(SplitConfigException.class, e -> assertThat(e.field()).isEqualTo("rules[1].regex"));
    assertThatThrownBy(() -> new TrafficSplitConfig(w,
        List.of(new SplitRule(null, "b", null, null, true, null)), null))
        .isInstanceOfSatisfying(SplitConfigException.class, e -> assertThat(e.field()).isEqualTo("rules[0].cluster"));
  }

  @Test
  void stickyNeedsExactlyOneKey() {
    assertThatThrownBy(() -> new StickyConfig("X-User-Id", "session", null))
        .isInstanceOfSatisfying(SplitConfigException.class, e -> assertThat(e.field()).isEqualTo("sticky"));
    assertThatThrownBy(() -> new StickyConfig(null, null, false))
        .isInstanceOfSatisfying(SplitConfigException.class, e -> assertThat(e.field()).isEqualTo("sticky"));
    assertThat(new StickyConfig(null, null, true).clientIp()).isTrue();
  }

  @Test
  void clustersAreListedByTheFieldNamingThem() {
    TrafficSplitConfig config = new TrafficSplitConfig(weights("v1", 9, "v2", 1),
        List.of(new SplitRule("X-Beta", null, "true", null, null, "v3")), null);

    assertThat(config.clustersByField()).containsExactly(
        Map.entry("weights.v1", "v1"), Map.entry("weights.v2", "v2"), Map.entry("rules[0].cluster", "v3"));
  }
}
