package dev.emporium.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestIdsTest {

  @Test
  void generatesDistinct128BitHexIds() {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 1000; i++) ids.add(RequestIds.generate());
    assertThat(ids).hasSize(1000).allMatch(id -> id.matches("[0-9a-f]{32}"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc-123", "client_chosen.1", "trace:span", "0af7651916cd43dd8448eb211c80319c"})
  void keepsASaneIdFromTheClient(String id) {
    assertThat(RequestIds.resolve(id)).isEqualTo(id);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "a b", "x\r\nSet-Cookie: a=b", "<script>", "a/b", "é", "a;b", "a,b"})
  void replacesAnIdThatCouldCarryAnythingElse(String id) {
    assertThat(RequestIds.resolve(id)).matches("[0-9a-f]{32}");
  }

  @Test
  void keepsAnIdOfUpTo128Characters() {
    assertThat(RequestIds.resolve("A".repeat(128))).isEqualTo("A".repeat(128));
  }

  @Test
  void replacesAMissingOrOverlongId() {
    assertThat(RequestIds.resolve(null)).matches("[0-9a-f]{32}");
    assertThat(RequestIds.resolve("A".repeat(129))).matches("[0-9a-f]{32}");
  }
}
