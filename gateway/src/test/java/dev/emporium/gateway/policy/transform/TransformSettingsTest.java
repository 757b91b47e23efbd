package dev.emporium.gateway.policy.transform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.gateway.config.ConfigLoader;
import dev.emporium.gateway.config.ConfigProblem;
import dev.emporium.gateway.config.ConfigValidator;
import dev.emporium.gateway.policy.PolicyRegistry;
import dev.emporium.gateway.upstream.DiscoveryRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Settings the transform policy refuses when the configuration loads, each named precisely. */
class TransformSettingsTest {

  private final ConfigLoader loader = new ConfigLoader(name -> null);

  private List<ConfigProblem> validate(String transform) {
    String yaml = """
        listeners:
          - port: 8080
        routes:
          - name: r
            cluster: c
            policies:
              - transform:
        %s
        clusters:
          - name: c
            endpoints:
              - address: 127.0.0.1:9000
        """.formatted(transform.indent(10).stripTrailing());
    return new ConfigValidator(new PolicyRegistry(), new DiscoveryRegistry(), loader.mapper())
        .validate(loader.parse("gateway.yaml", yaml));
  }

  private String problem(String transform) {
    List<ConfigProblem> problems = validate(transform);
    assertThat(problems).hasSize(1);
    assertThat(problems.getFirst().field()).isEqualTo("routes[0].policies[0].transform");
    assertThat(problems.getFirst().line()).isEqualTo(7);
    return problems.getFirst().message();
  }

  @Test
  void aValidTransformHasNoProblems() {
    assertThat(validate("""
        request:
          headers: {set: {X-Api-Version: "2"}, remove: [X-User-Id, X-Forwarded-For], rename: {X-User-Roles: X-Roles}}
          path: /v2/{id}
          query: {add: {a: b}}
        response:
          headers: {set: {Cache-Control: no-store}}
          json: {remove: ["items[*].cost"], rename: {a.b: c}, maxBodySize: 64KiB}
        """)).isEmpty();
  }

  @Test
  void identityHeadersCanNeverBeGivenAValue() {
    assertThat(problem("request: {headers: {set: {X-User-Id: admin}}}"))
        .contains("request.headers.set").contains("X-User-Id").contains("identity header");
    assertThat(problem("request: {headers: {add: {x-scopes: 'orders:write'}}}")).contains("identity header");
    assertThat(problem("request: {headers: {rename: {X-Customer: X-User-Roles}}}"))
        .contains("request.headers.rename.X-Customer").contains("identity header");
  }

  @Test
  void hopByHopFramingAndForwardingHeadersAreTheGatewaysOwn() {
    assertThat(problem("request: {headers: {set: {Connection: close}}}")).contains("connection or the message framing");
    assertThat(problem("request: {headers: {remove: [Transfer-Encoding]}}")).contains("request.headers.remove");
    assertThat(problem("response: {headers: {set: {Content-Length: '5'}}}")).contains("response.headers.set");
    assertThat(problem("request: {headers: {set: {X-Forwarded-For: 1.2.3.4}}}")).contains("trustedProxies");
    assertThat(problem("request: {headers: {set: {Host: other}}}")).contains("Host");
  }

  @Test
  void badNamesValuesPathsAndJsonPathsAreRefused() {
    assertThat(problem("request: {headers: {set: {'Bad Name': x}}}")).contains("not a valid header name");
    assertThat(problem("request: {headers: {set: {X-A: \"a\\r\\nInjected: 1\"}}}")).contains("control character");
    assertThat(problem("request: {path: v2/orders}")).contains("path").contains("must start with '/'");
    assertThat(problem("request: {path: '/v2/{id'}")).contains("without '}'");
    assertThat(problem("request: {path: '/v2?x=1'}")).contains("query");
    assertThat(problem("response: {json: {remove: ['items[x].cost']}}")).contains("response.json.remove[0]").contains("items[x].cost");
    assertThat(problem("response: {json: {rename: {'items[0]': x}}}")).contains("must end in a field name");
    assertThat(problem("response: {json: {remove: [a], nonJson: maybe}}")).contains("nonJson");
    assertThat(problem("response: {json: {}}")).contains("give remove or rename");
    assertThat(problem("{}")).contains("give request or response");
    assertThat(problem("request: {headers: {remove: [X-A, x-a]}}")).contains("listed twice");
  }
}
