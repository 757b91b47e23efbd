package dev.emporium.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PathPatternTest {

  @Test
  void parsesLiteralsParametersAndCatchAll() {
    PathPattern p = PathPattern.parse("/api/orders/{id}/*/**");
    assertThat(p.segments()).containsExactly(new PathPattern.Literal("api"), new PathPattern.Literal("orders"),
        new PathPattern.Param("id"), new PathPattern.Param(null));
    assertThat(p.catchAll()).isTrue();
    assertThat(p.parameterNames()).containsExactly("id");
  }

  @Test
  void refusesWhatCannotBeMatchedUnambiguously() {
    assertThatThrownBy(() -> PathPattern.parse("api")).hasMessageContaining("start with '/'");
    assertThatThrownBy(() -> PathPattern.parse("/a/**/b")).hasMessageContaining("'**' may only end");
    assertThatThrownBy(() -> PathPattern.parse("/a/x{id}")).hasMessageContaining("whole segment");
    assertThatThrownBy(() -> PathPattern.parse("/a/{id}/{id}")).hasMessageContaining("twice");
    assertThatThrownBy(() -> PathPattern.parse("/a//b")).hasMessageContaining("'//'");
    assertThatThrownBy(() -> PathPattern.parse("/a/../b")).hasMessageContaining("dot segments");
    assertThatThrownBy(() -> PathPattern.parse("/a/{1x}")).hasMessageContaining("not a valid parameter");
  }
}
