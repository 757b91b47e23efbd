package dev.emporium.gateway.policy.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PathTemplateTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static PathTemplate.Values values(Map<String, String> params, Map<String, String> query,
      Map<String, String> headers, Map<String, JsonNode> parts) {
    return new PathTemplate.Values() {
      public String param(String name) {
        return params.get(name);
      }

      public String query(String name) {
        return query.get(name);
      }

      public String header(String name) {
        return headers.get(name);
      }

      public JsonNode part(String name) {
        return parts.get(name);
      }
    };
  }

  @Test
  void fillsParamsQueryHeadersAndPartValues() throws Exception {
    PathTemplate t = PathTemplate.parse("/users/{id}/recs?sku={parts.cart.items.1.sku}&limit={query.limit}&u={header.X-User-Id}");
    JsonNode cart = JSON.readTree("{\"items\":[{\"sku\":\"a\"},{\"sku\":\"b c&d\"}]}");
    String uri = t.render(values(Map.of("id", "u-1"), Map.of("limit", "5"), Map.of("X-User-Id", "ü/1"), Map.of("cart", cart)));
    assertThat(uri).isEqualTo("/users/u-1/recs?sku=b%20c%26d&limit=5&u=%C3%BC%2F1");
    assertThat(t.referencedParts()).containsExactly("cart");
  }

  @Test
  void usesDefaultsAndEmptyForMissingRequestValues() {
    PathTemplate t = PathTemplate.parse("/p?limit={query.limit|8}&q={query.q}");
    assertThat(t.render(values(Map.of(), Map.of(), Map.of(), Map.of()))).isEqualTo("/p?limit=8&q=");
  }

  @Test
  void aMissingPartValueFailsUnlessDefaulted() throws Exception {
    JsonNode cart = JSON.readTree("{\"userId\":null}");
    PathTemplate.Values v = values(Map.of(), Map.of(), Map.of(), Map.of("cart", cart));
    assertThatThrownBy(() -> PathTemplate.parse("/r/{parts.cart.userId}").render(v))
        .isInstanceOf(PathTemplate.MissingValue.class).hasMessageContaining("parts.cart.userId");
    assertThat(PathTemplate.parse("/r/{parts.cart.userId|anonymous}").render(v)).isEqualTo("/r/anonymous");
  }

  @Test
  void refusesMalformedTemplates() {
    assertThatThrownBy(() -> PathTemplate.parse("products")).hasMessageContaining("must start with '/'");
    assertThatThrownBy(() -> PathTemplate.parse("/p/{a.b}")).hasMessageContaining("neither a route parameter");
    assertThatThrownBy(() -> PathTemplate.parse("/p/{parts}")).hasMessageContaining("must name a part");
    assertThatThrownBy(() -> PathTemplate.parse("/p/a}")).hasMessageContaining("without its '{'");
  }
}
