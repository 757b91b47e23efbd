package dev.emporium.gateway.policy.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.gateway.config.ConfigLoader;
import dev.emporium.gateway.config.ConfigProblem;
import dev.emporium.gateway.config.ConfigValidator;
import dev.emporium.gateway.policy.PolicyRegistry;
import dev.emporium.gateway.upstream.DiscoveryRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An aggregation's settings are checked at load: clusters, part references, cycles, limits. */
class AggregateConfigTest {

  private static final String FILE = "gateway.yaml";

  private final ConfigLoader loader = new ConfigLoader(Map.<String, String>of()::get);

  private static String config(String parts) {
    return """
        listeners:
          - name: public
            host: 127.0.0.1
            port: 8080
        routes:
          - name: home
            match:
              path: /api/storefront/home
            policies:
              - aggregate:
                  parts:
        %s
        clusters:
          - name: catalog
            endpoints:
              - address: 127.0.0.1:9000
          - name: carts
            endpoints:
              - address: 127.0.0.1:9001
        """.formatted(parts.indent(12).stripTrailing());
  }

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

  @Test
  void aRouteWithAnAggregationNeedsNoCluster() {
    String yaml = config("""
        featured:
          cluster: catalog
          path: /products?featured=true
        cart:
          cluster: carts
          path: /carts/{header.X-User-Id}
        """);
    assertThat(validate(yaml)).isEmpty();
  }

  @Test
  void aRouteWithoutAClusterOrAnAggregationIsRefused() {
    String yaml = """
        listeners:
          - name: public
            host: 127.0.0.1
            port: 8080
        routes:
          - name: home
            match:
              path: /api/storefront/home
        clusters:
          - name: catalog
            endpoints:
              - address: 127.0.0.1:9000
        """;
    assertThat(validate(yaml)).singleElement().satisfies(p -> {
      assertThat(p.field()).isEqualTo("routes[0].cluster");
      assertThat(p.message()).contains("needs a cluster");
    });
  }

  @Test
  void anUnknownClusterInAPartNamesThePartsField() {
    String yaml = config("""
        featured:
          cluster: catalog
          path: /products
        cart:
          cluster: cart
          path: /carts/1
        """);
    assertThat(validate(yaml)).singleElement().satisfies(p -> {
      assertThat(p.file()).isEqualTo(FILE);
      assertThat(p.field()).isEqualTo("routes[0].policies[0].aggregate.parts.cart.cluster");
      assertThat(p.line()).isEqualTo(lineOf(yaml, "cluster: cart"));
      assertThat(p.message()).isEqualTo("unknown cluster 'cart'");
    });
  }

  @Test
  void anUnknownClusterInAFallbackCallIsRefused() {
    String yaml = config("""
        recommendations:
          cluster: catalog
          path: /recommendations
          required: false
          fallbackCall:
            cluster: popular
            path: /products/popular
        """);
    assertThat(validate(yaml)).singleElement().satisfies(p -> {
      assertThat(p.field()).isEqualTo("routes[0].policies[0].aggregate.parts.recommendations.fallbackCall.cluster");
      assertThat(p.message()).isEqualTo("unknown cluster 'popular'");
    });
  }

  @Test
  void aReferenceToAnUnknownPartIsRefused() {
    String yaml = config("""
        recommendations:
          cluster: catalog
          path: /recommendations?user={parts.kart.userId}
        """);
    assertThat(validate(yaml)).singleElement().satisfies(p -> {
      assertThat(p.field()).isEqualTo("routes[0].policies[0].aggregate");
      assertThat(p.message()).contains("parts.recommendations depends on unknown part 'kart'");
    });
  }

  @Test
  void partsThatDependOnEachOtherInACycleAreRefused() {
    String yaml = config("""
        a:
          cluster: catalog
          path: /a/{parts.b.id}
        b:
          cluster: catalog
          path: /b
          dependsOn: [c]
        c:
          cluster: catalog
          path: /c?x={parts.a.id}
        """);
    assertThat(validate(yaml)).singleElement().satisfies(p ->
        assertThat(p.message()).contains("cycle").contains("a -> b -> c -> a"));
  }

  @Test
  void aRequiredPartCannotHaveAFallback() {
    String yaml = config("""
        cart:
          cluster: carts
          path: /carts/1
          fallback: {}
        """);
    assertThat(validate(yaml)).singleElement().satisfies(p ->
        assertThat(p.message()).isEqualTo("parts.cart: a required part cannot have a fallback; set required: false"));
  }

  @Test
  void morePartsThanMaxPartsAreRefused() {
    String yaml = config("""
        a:
          cluster: catalog
          path: /a
        b:
          cluster: catalog
          path: /b
        """).replace("          parts:", "          maxParts: 1\n          parts:");
    assertThat(validate(yaml)).singleElement().satisfies(p ->
        assertThat(p.message()).contains("2 parts exceed maxParts 1"));
  }

  @Test
  void aBadPathTemplateIsRefused() {
    String yaml = config("""
        a:
          cluster: catalog
          path: /a/{id
        """);
    assertThat(validate(yaml)).singleElement().satisfies(p ->
        assertThat(p.message()).contains("'{' without its '}'"));
  }
}
