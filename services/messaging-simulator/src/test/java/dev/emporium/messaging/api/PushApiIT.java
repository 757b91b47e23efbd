package dev.emporium.messaging.api;

import static dev.emporium.messaging.MessagingTestSupport.KEY;
import static dev.emporium.messaging.MessagingTestSupport.newKey;
import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.platform.testing.HttpTestClient;
import dev.emporium.platform.testing.TestResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "emporium.messaging.smtp.port=0",
    "emporium.messaging.push.max-title-length=10",
    "emporium.messaging.push.max-deliveries=3"})
class PushApiIT {

  @LocalServerPort int port;
  HttpTestClient client;

  @BeforeEach
  void setUp() {
    client = HttpTestClient.forPort(port);
  }

  @Test
  void deliversOncePerKeyAndListsByUser() {
    String user = "u-" + UUID.randomUUID();
    HttpTestClient keyed = client.header(KEY, newKey());
    Map<String, Object> body = Map.of("userId", user, "title", "Paid", "body", "We received 42.50 EUR");

    TestResponse first = keyed.post("/v1/push", body);
    TestResponse again = keyed.post("/v1/push", body);

    assertThat(first.status()).as(first.body()).isEqualTo(201);
    assertThat(first.json().get("id").asString()).startsWith("push_");
    assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(again.json().get("id").asString()).isEqualTo(first.json().get("id").asString());
    TestResponse listed = client.get("/v1/push?userId=" + user);
    assertThat(listed.json().get("count").asInt()).isEqualTo(1);
    assertThat(listed.json().get("items").get(0).get("title").asString()).isEqualTo("Paid");
  }

  @Test
  void keepsAtMostTheBoundNewestFirst() {
    String user = "u-" + UUID.randomUUID();
    for (int i = 1; i <= 4; i++) {
      client.header(KEY, newKey()).post("/v1/push", Map.of("userId", user, "title", "t" + i, "body", "b"));
    }

    assertThat(client.get("/v1/push?userId=" + user).json().get("items").valueStream()
        .map(p -> p.get("title").asString())).containsExactly("t4", "t3", "t2");
  }

  @Test
  void validationNamesTheField() {
    assertThat(SmsApiIT.field(client.header(KEY, newKey()).post("/v1/push",
        Map.of("userId", "u", "title", "x".repeat(11), "body", "b")))).isEqualTo("title");
    assertThat(SmsApiIT.field(client.header(KEY, newKey()).post("/v1/push", Map.of("title", "t", "body", "b"))))
        .isEqualTo("userId");
  }
}
