package dev.emporium.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PathRewriterTest {

  @Test
  void identityKeepsTheNormalizedPath() {
    assertThat(PathRewriter.IDENTITY.rewrite("/api/orders/1", Map.of(), "")).isEqualTo("/api/orders/1");
  }

  @Test
  void stripsAPrefixOnASegmentBoundary() {
    PathRewriter strip = PathRewriter.of("/api/", null);
    assertThat(strip.rewrite("/api/orders", Map.of(), "/orders")).isEqualTo("/orders");
    assertThat(strip.rewrite("/api", Map.of(), "")).isEqualTo("/");
    assertThat(strip.rewrite("/apiary", Map.of(), "")).isEqualTo("/apiary");
  }

  @Test
  void fillsTemplateWithParametersAndRemainder() {
    assertThat(PathRewriter.of(null, "/v2/orders/{id}").rewrite("/api/orders/7", Map.of("id", "7"), ""))
        .isEqualTo("/v2/orders/7");
    PathRewriter rest = PathRewriter.of(null, "/users/{**}");
    assertThat(rest.rewrite("/api/users/1/avatar", Map.of(), "/1/avatar")).isEqualTo("/users/1/avatar");
    assertThat(rest.rewrite("/api/users", Map.of(), "")).isEqualTo("/users");
  }

  @Test
  void namesTheParametersATemplateUses() {
    assertThat(PathRewriter.referencedParams("/a/{x}/b/{**}")).containsExactly("x", "**");
  }
}
