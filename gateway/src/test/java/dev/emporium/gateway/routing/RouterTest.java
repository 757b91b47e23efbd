package dev.emporium.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RouterTest {

  record Request(String host, String path, String method, Map<String, String> headers, Map<String, String> query)
      implements MatchInput {
    static Request get(String path) {
      return new Request("api.example.com", path, "GET", Map.of(), Map.of());
    }

    Request with(String method) {
      return new Request(host, path, method, headers, query);
    }

    Request onHost(String host) {
      return new Request(host, path, method, headers, query);
    }

    @Override
    public String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
          .findFirst().orElse(null);
    }

    @Override
    public String queryParam(String name) {
      return query.get(name);
    }
  }

  private final List<RouteDefinition<String>> routes = new ArrayList<>();

  private RouterTest route(String name, String path) {
    return route(name, path, List.of(), RequestPredicates.ANY);
  }

  private RouterTest route(String name, String path, List<String> hosts, RequestPredicates predicates) {
    routes.add(new RouteDefinition<>(name, PathPattern.parse(path), hosts.stream().map(HostPattern::parse).toList(),
        predicates));
    return this;
  }

  private String match(MatchInput input) {
    RouteLookup<String> lookup = Router.of(routes).match(input);
    return lookup instanceof RouteLookup.Found<String> found ? found.route() : lookup.getClass().getSimpleName();
  }

  @Test
  void exactBeatsTemplateBeatsPrefix() {
    route("prefix", "/api/**").route("template", "/api/orders/{id}").route("exact", "/api/orders/new");
    assertThat(match(Request.get("/api/orders/new"))).isEqualTo("exact");
    assertThat(match(Request.get("/api/orders/42"))).isEqualTo("template");
    assertThat(match(Request.get("/api/orders/42/items"))).isEqualTo("prefix");
    assertThat(match(Request.get("/api"))).isEqualTo("prefix");
  }

  @Test
  void longerPrefixBeatsShorterWhateverTheOrder() {
    route("short", "/api/**").route("long", "/api/admin/**");
    assertThat(match(Request.get("/api/admin/users"))).isEqualTo("long");
    assertThat(match(Request.get("/api/users"))).isEqualTo("short");
  }

  @Test
  void prefixMatchesOnSegmentBoundaryOnly() {
    route("api", "/api/**");
    assertThat(match(Request.get("/api"))).isEqualTo("api");
    assertThat(match(Request.get("/api/"))).isEqualTo("api");
    assertThat(match(Request.get("/apix"))).isEqualTo("NotFound");
  }

  @Test
  void capturesParametersAndRemainder() {
    route("items", "/orders/{orderId}/items/{itemId}").route("files", "/files/**");
    RouteLookup.Found<String> found = (RouteLookup.Found<String>) Router.of(routes).match(Request.get("/orders/7/items/9"));
    assertThat(found.params()).containsExactly(Map.entry("orderId", "7"), Map.entry("itemId", "9"));
    RouteLookup.Found<String> files = (RouteLookup.Found<String>) Router.of(routes).match(Request.get("/files/a/b.txt"));
    assertThat(files.remainder()).isEqualTo("/a/b.txt");
  }

  @Test
  void parameterNeverMatchesAnEmptySegment() {
    route("order", "/orders/{id}");
    assertThat(match(Request.get("/orders/"))).isEqualTo("NotFound");
  }

  @Test
  void backtracksFromALiteralDeadEndToAParameter() {
    route("literal", "/a/b/c").route("param", "/a/{x}/d");
    assertThat(match(Request.get("/a/b/d"))).isEqualTo("param");
  }

  @Test
  void exactHostBeatsWildcardBeatsAnyHost() {
    route("any", "/**").route("wild", "/**", List.of("*.example.com"), RequestPredicates.ANY)
        .route("exact", "/**", List.of("api.example.com"), RequestPredicates.ANY);
    assertThat(match(Request.get("/x"))).isEqualTo("exact");
    assertThat(match(Request.get("/x").onHost("shop.example.com"))).isEqualTo("wild");
    assertThat(match(Request.get("/x").onHost("example.com"))).isEqualTo("any");
  }

  @Test
  void fallsThroughHostBucketsWhenThePathDoesNotMatch() {
    route("host-only", "/special", List.of("api.example.com"), RequestPredicates.ANY).route("default", "/**");
    assertThat(match(Request.get("/other"))).isEqualTo("default");
  }

  @Test
  void samePatternRoutesAreTriedInDeclarationOrderByPredicates() {
    RequestPredicates canary = new RequestPredicates(Set.of(),
        List.of(new ValueMatcher("X-Canary", "true", null, null)), List.of());
    RequestPredicates beta = new RequestPredicates(Set.of(), List.of(),
        List.of(new ValueMatcher("beta", null, Pattern.compile("1|yes"), null)));
    route("canary", "/api/**", List.of(), canary).route("beta", "/api/**", List.of(), beta).route("stable", "/api/**");
    assertThat(match(new Request("h", "/api/x", "GET", Map.of("x-canary", "true"), Map.of()))).isEqualTo("canary");
    assertThat(match(new Request("h", "/api/x", "GET", Map.of(), Map.of("beta", "yes")))).isEqualTo("beta");
    assertThat(match(new Request("h", "/api/x", "GET", Map.of(), Map.of("beta", "no")))).isEqualTo("stable");
  }

  @Test
  void presenceAndAbsencePredicates() {
    RequestPredicates withAuth = new RequestPredicates(Set.of(),
        List.of(new ValueMatcher("Authorization", null, null, true)), List.of());
    RequestPredicates withoutAuth = new RequestPredicates(Set.of(),
        List.of(new ValueMatcher("Authorization", null, null, false)), List.of());
    route("signed-in", "/x", List.of(), withAuth).route("anonymous", "/x", List.of(), withoutAuth);
    assertThat(match(new Request("h", "/x", "GET", Map.of("Authorization", "Bearer t"), Map.of()))).isEqualTo("signed-in");
    assertThat(match(Request.get("/x"))).isEqualTo("anonymous");
  }

  @Test
  void reportsAllowedMethodsWhenOnlyTheMethodIsWrong() {
    route("read", "/orders/{id}", List.of(), new RequestPredicates(Set.of("GET", "HEAD"), List.of(), List.of()))
        .route("delete", "/orders/{id}", List.of(), new RequestPredicates(Set.of("DELETE"), List.of(), List.of()));
    RouteLookup<String> lookup = Router.of(routes).match(Request.get("/orders/1").with("PATCH"));
    assertThat(lookup).isInstanceOf(RouteLookup.MethodNotAllowed.class);
    assertThat(((RouteLookup.MethodNotAllowed<String>) lookup).allowed()).containsExactly("DELETE", "GET", "HEAD");
    assertThat(match(Request.get("/orders/1").with("DELETE"))).isEqualTo("delete");
  }

  @Test
  void methodMismatchOnSpecificRouteFallsBackToAPrefixThatAllowsIt() {
    route("write", "/api/orders", List.of(), new RequestPredicates(Set.of("POST"), List.of(), List.of()))
        .route("catch-all", "/api/**");
    assertThat(match(Request.get("/api/orders"))).isEqualTo("catch-all");
  }

  @Test
  void rootPatternMatchesOnlyTheRoot() {
    route("root", "/");
    assertThat(match(Request.get("/"))).isEqualTo("root");
    assertThat(match(Request.get("/a"))).isEqualTo("NotFound");
  }

  @Test
  void thousandRoutesStillResolveToTheMostSpecific() {
    for (int i = 0; i < 1000; i++) route("r" + i, "/api/service" + i + "/{id}");
    route("fallback", "/**");
    assertThat(match(Request.get("/api/service737/42"))).isEqualTo("r737");
    assertThat(match(Request.get("/api/service1000/42"))).isEqualTo("fallback");
  }
}
