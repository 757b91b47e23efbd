package dev.emporium.gateway.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Access log lines are valid JSON whatever a client puts in the fields. */
class AccessLogLineTest {

  @Test
  void hostileValuesRoundTripAndCannotForgeFieldsOrLines() {
    String hostile = "/a\"b\\c\nd\re\tf\u0001g\u2028h\u2029i\",\"status\":200,\"x\":\"é🙂";
    String line = new AccessLogLine(0).field("path", hostile).field("status", 500).end();

    assertThat(line).doesNotContain("\n").doesNotContain("\r").doesNotContain("\u2028").doesNotContain("\u2029");
    JsonObject json = new JsonObject(line);
    assertThat(json.getString("path")).isEqualTo(hostile);
    assertThat(json.getInteger("status")).isEqualTo(500);
    assertThat(json.fieldNames()).containsExactlyInAnyOrder("time", "path", "status");
  }

  @Test
  void leavesOutNullFieldsAndWritesMillisWithThreeDecimals() {
    JsonObject json = new JsonObject(new AccessLogLine(1_700_000_000_123L)
        .field("route", null)
        .millis("durationMs", 12_345_678L)
        .millis("upstreamMs", 5_000L)
        .end());

    assertThat(json.containsKey("route")).isFalse();
    assertThat(Instant.parse(json.getString("time"))).isEqualTo(Instant.ofEpochMilli(1_700_000_000_123L));
    assertThat(json.getValue("durationMs").toString()).isEqualTo("12.345");
    assertThat(json.getValue("upstreamMs").toString()).isEqualTo("0.005");
  }
}
