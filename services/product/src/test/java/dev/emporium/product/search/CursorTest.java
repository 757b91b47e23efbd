package dev.emporium.product.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.emporium.platform.service.problem.ProblemException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CursorTest {

  @Test
  void roundTripsTheExactScoreAndId() {
    SearchQuery query = new SearchQuery("mug", null, 10, null);
    Cursor cursor = new Cursor(query.fingerprint(), 0.30396354198455810546875, null, UUID.randomUUID());

    assertThat(Cursor.decode(cursor.encode(), query)).isEqualTo(cursor);
  }

  @Test
  void roundTripsANameWithAnyCharacters() {
    SearchQuery query = new SearchQuery(null, "audio", 10, null);
    Cursor cursor = new Cursor(query.fingerprint(), null, "Ünïcode / \"quoted\" name", UUID.randomUUID());

    assertThat(Cursor.decode(cursor.encode(), query)).isEqualTo(cursor);
  }

  @Test
  void refusesACursorOfAnotherQueryOrGarbage() {
    SearchQuery query = new SearchQuery(null, "audio", 10, null);
    String encoded = new Cursor(query.fingerprint(), null, "A", UUID.randomUUID()).encode();

    assertThatThrownBy(() -> Cursor.decode(encoded, new SearchQuery(null, "kitchen", 10, null)))
        .isInstanceOf(ProblemException.class).hasMessageContaining("another query");
    assertThatThrownBy(() -> Cursor.decode("%%%", query)).isInstanceOf(ProblemException.class);
    assertThatThrownBy(() -> Cursor.decode("bm9wZQ", query)).isInstanceOf(ProblemException.class);
  }
}
