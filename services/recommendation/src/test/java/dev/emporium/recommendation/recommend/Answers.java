package dev.emporium.recommendation.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.platform.testing.TestResponse;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import tools.jackson.databind.JsonNode;

/** Reading recommendation answers in tests. */
final class Answers {

  private Answers() {}

  static JsonNode ok(TestResponse response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.json();
  }

  static List<String> ids(JsonNode answer) {
    return answer.get("items").valueStream().map(i -> i.get("productId").asString()).toList();
  }

  static List<String> reasons(JsonNode answer) {
    return answer.get("items").valueStream().map(i -> i.get("reason").asString()).toList();
  }

  static List<Long> scores(JsonNode answer) {
    return answer.get("items").valueStream().map(i -> i.get("score").asLong()).toList();
  }

  static String strategy(JsonNode answer) {
    return answer.get("strategy").asString();
  }

  /** A category no other test uses. */
  static String category() {
    return "cat-" + Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36);
  }

  /** The ids in PostgreSQL's uuid order (the tie-break of every ranking): by their text, not UUID.compareTo. */
  static List<String> inIdOrder(UUID... ids) {
    return java.util.Arrays.stream(ids).map(UUID::toString).sorted().toList();
  }
}
