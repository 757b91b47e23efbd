package dev.emporium.messaging.api;

import static dev.emporium.messaging.MessagingTestSupport.KEY;
import static dev.emporium.messaging.MessagingTestSupport.newKey;
import static dev.emporium.messaging.MessagingTestSupport.newPhone;
import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.platform.testing.HttpTestClient;
import dev.emporium.platform.testing.TestResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "emporium.messaging.smtp.port=0",
    "emporium.messaging.sms.max-body-length=20"})
class SmsApiIT {

  @LocalServerPort int port;
  HttpTestClient client;

  @BeforeEach
  void setUp() {
    client = HttpTestClient.forPort(port);
  }

  @Test
  void deliversATextAndListsIt() {
    String phone = newPhone();
    TestResponse sent = client.header(KEY, "k-" + phone).post("/v1/sms", Map.of("to", phone, "body", "Shipped: TRK1"));

    assertThat(sent.status()).as(sent.body()).isEqualTo(201);
    assertThat(sent.json().get("id").asString()).startsWith("sms_");
    assertThat(sent.json().get("status").asString()).isEqualTo("delivered");
    TestResponse listed = client.get("/v1/sms?to=" + phone.replace("+", "%2B"));
    assertThat(listed.json().get("count").asInt()).isEqualTo(1);
    assertThat(listed.json().get("items").get(0).get("body").asString()).isEqualTo("Shipped: TRK1");
    assertThat(listed.json().get("items").get(0).get("idempotencyKey").asString()).isEqualTo("k-" + phone);
  }

  @Test
  void aRepeatedKeyAnswersTheFirstDeliveryAndSendsNothingNew() {
    String phone = newPhone();
    HttpTestClient keyed = client.header(KEY, newKey());
    Map<String, Object> body = Map.of("to", phone, "body", "hello");

    TestResponse first = keyed.post("/v1/sms", body);
    TestResponse again = keyed.post("/v1/sms", body);

    assertThat(again.status()).isEqualTo(201);
    assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(again.json().get("id").asString()).isEqualTo(first.json().get("id").asString());
    assertThat(client.get("/v1/sms?to=" + phone.replace("+", "%2B")).json().get("count").asInt()).isEqualTo(1);

    TestResponse conflict = keyed.post("/v1/sms", Map.of("to", phone, "body", "another text"));
    assertThat(conflict.status()).isEqualTo(409);
    assertThat(conflict.json().get("type").asString()).isEqualTo("urn:emporium:problem:conflict");
  }

  @Test
  void validationNamesTheFieldAndItsLimit() {
    assertThat(field(client.header(KEY, newKey()).post("/v1/sms", Map.of("to", "0170 1234567", "body", "x"))))
        .isEqualTo("to");
    TestResponse tooLong = client.header(KEY, newKey()).post("/v1/sms", Map.of("to", newPhone(), "body", "x".repeat(21)));
    assertThat(field(tooLong)).isEqualTo("body");
    assertThat(tooLong.json().get("errors").get(0).get("limits").get("max").asInt()).isEqualTo(20);
    assertThat(field(client.post("/v1/sms", Map.of("to", newPhone(), "body", "x")))).isEqualTo("Idempotency-Key");
    assertThat(field(client.header(KEY, "k".repeat(256)).post("/v1/sms", Map.of("to", newPhone(), "body", "x"))))
        .isEqualTo("Idempotency-Key");
    TestResponse malformed = client.header(KEY, newKey()).post("/v1/sms", "{not json");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.body()).doesNotContain("Exception");
  }

  @Test
  void aRejectedMessageLeavesItsKeyUnused() {
    HttpTestClient keyed = client.header(KEY, newKey());
    String phone = newPhone();
    assertThat(keyed.post("/v1/sms", Map.of("to", phone, "body", "")).status()).isEqualTo(400);

    TestResponse corrected = keyed.post("/v1/sms", Map.of("to", phone, "body", "fixed"));
    assertThat(corrected.status()).isEqualTo(201);
    assertThat(corrected.header("Idempotent-Replayed")).isNull();
  }

  static String field(TestResponse response) {
    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(response.json().get("type").asString()).isEqualTo("urn:emporium:problem:validation");
    return response.json().get("errors").get(0).get("field").asString();
  }
}
