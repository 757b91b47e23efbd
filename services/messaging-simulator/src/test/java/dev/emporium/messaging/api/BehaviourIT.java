package dev.emporium.messaging.api;

import static dev.emporium.messaging.MessagingTestSupport.KEY;
import static dev.emporium.messaging.MessagingTestSupport.metric;
import static dev.emporium.messaging.MessagingTestSupport.newKey;
import static dev.emporium.messaging.MessagingTestSupport.newPhone;
import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.platform.testing.HttpTestClient;
import dev.emporium.platform.testing.TestResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "emporium.messaging.smtp.port=0",
    "emporium.messaging.admin-token=drill-token",
    "emporium.messaging.max-latency=5s",
    "emporium.messaging.behaviour.push.latency-ms=7"})
class BehaviourIT {

  @LocalServerPort int port;
  HttpTestClient client;
  HttpTestClient admin;

  @BeforeEach
  void setUp() {
    client = HttpTestClient.forPort(port);
    admin = client.header("Authorization", "Bearer drill-token");
  }

  @AfterEach
  void heal() {
    assertThat(admin.delete("/admin/behaviour").status()).isEqualTo(200);
  }

  void behave(String channel, Map<String, Object> behaviour) {
    TestResponse put = admin.put("/admin/behaviour/" + channel, behaviour);
    assertThat(put.status()).as(put.body()).isEqualTo(200);
  }

  @Test
  void theAdminApiNeedsTheToken() {
    TestResponse anonymous = client.get("/admin/behaviour");
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.header("WWW-Authenticate")).isEqualTo("Bearer");
    assertThat(client.header("Authorization", "Bearer guess").put("/admin/behaviour/sms", Map.of("failureRate", 1))
        .status()).isEqualTo(401);
    assertThat(admin.get("/admin/behaviour/sms").json().get("failureRate").asDouble()).isZero();
  }

  @Test
  void showsAndResetsEachChannelsBehaviour() {
    behave("sms", Map.of("latencyMs", 20, "latencyJitterMs", 5, "failureRate", 0.25, "failureStatus", 500, "seed", 7));

    TestResponse all = admin.get("/admin/behaviour");
    assertThat(all.json().get("sms").get("latencyMs").asLong()).isEqualTo(20);
    assertThat(all.json().get("sms").get("failureStatus").asInt()).isEqualTo(500);
    assertThat(all.json().get("sms").get("seed").asLong()).isEqualTo(7);
    assertThat(all.json().get("push").get("latencyMs").asLong()).as("configured at start-up").isEqualTo(7);
    assertThat(all.json().get("mail").get("failureRate").asDouble()).isZero();

    TestResponse reset = admin.delete("/admin/behaviour/sms");
    assertThat(reset.json().get("failureRate").asDouble()).isZero();
    assertThat(reset.json().get("failureStatus").asInt()).isEqualTo(503);
  }

  @Test
  void failingOneChannelRefusesItsDeliveriesWithTheChosenStatusAndLeavesTheOthers() {
    double before = metric(client, "messaging_injected_failures_total", "channel=\"sms\"");
    behave("sms", Map.of("failureRate", 1.0, "failureStatus", 500));
    String phone = newPhone();
    for (int i = 0; i < 5; i++) {
      TestResponse failed = client.header(KEY, newKey()).post("/v1/sms", Map.of("to", phone, "body", "x"));
      assertThat(failed.status()).isEqualTo(500);
      assertThat(failed.json().get("type").asString()).isEqualTo("urn:emporium:problem:internal");
    }
    assertThat(metric(client, "messaging_injected_failures_total", "channel=\"sms\"") - before).isEqualTo(5);
    assertThat(client.get("/v1/sms?to=" + phone.replace("+", "%2B")).json().get("count").asInt())
        .as("listings are never failed, and nothing was delivered").isZero();

    behave("push", Map.of("failureRate", 1.0));
    TestResponse push = client.header(KEY, newKey()).post("/v1/push", Map.of("userId", "u", "title", "t", "body", "b"));
    assertThat(push.status()).isEqualTo(503);
    assertThat(push.json().get("type").asString()).isEqualTo("urn:emporium:problem:unavailable");
  }

  @Test
  void anInjectedFailureDeliversNothingSoTheRetryWithTheSameKeyDelivers() {
    String user = "u-" + UUID.randomUUID();
    HttpTestClient keyed = client.header(KEY, newKey());
    Map<String, Object> body = Map.of("userId", user, "title", "Shipped", "body", "TRK-1");
    behave("push", Map.of("failureRate", 1.0));
    assertThat(keyed.post("/v1/push", body).status()).isEqualTo(503);

    behave("push", Map.of());
    TestResponse retry = keyed.post("/v1/push", body);

    assertThat(retry.status()).isEqualTo(201);
    assertThat(retry.header("Idempotent-Replayed")).isNull();
    assertThat(client.get("/v1/push?userId=" + user).json().get("count").asInt()).isEqualTo(1);
  }

  @Test
  void appliesTheChannelsLatency() {
    behave("sms", Map.of("latencyMs", 400));

    long started = System.nanoTime();
    TestResponse slow = client.header(KEY, newKey()).post("/v1/sms", Map.of("to", newPhone(), "body", "x"));
    long tookMs = (System.nanoTime() - started) / 1_000_000;

    assertThat(slow.status()).isEqualTo(201);
    assertThat(tookMs).isGreaterThanOrEqualTo(400);
  }

  @Test
  void rejectsABehaviourOutsideItsLimitsAndAnUnknownChannel() {
    TestResponse rate = admin.put("/admin/behaviour/sms", Map.of("failureRate", 1.5));
    assertThat(SmsApiIT.field(rate)).isEqualTo("failureRate");
    assertThat(SmsApiIT.field(admin.put("/admin/behaviour/sms", Map.of("failureStatus", 404)))).isEqualTo("failureStatus");
    TestResponse latency = admin.put("/admin/behaviour/mail", Map.of("latencyMs", 4_000, "latencyJitterMs", 1_001));
    assertThat(SmsApiIT.field(latency)).isEqualTo("latencyMs");
    assertThat(latency.json().get("errors").get(0).get("message").asString()).contains("5000");

    TestResponse unknown = admin.put("/admin/behaviour/fax", Map.of());
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().get("type").asString()).isEqualTo("urn:emporium:problem:not-found");
  }

  @Test
  void countsDeliveriesPerChannelWithoutReplays() {
    double sms = metric(client, "messaging_deliveries_total", "channel=\"sms\"");
    HttpTestClient keyed = client.header(KEY, newKey());
    Map<String, Object> body = Map.of("to", newPhone(), "body", "x");
    keyed.post("/v1/sms", body);
    keyed.post("/v1/sms", body);

    assertThat(metric(client, "messaging_deliveries_total", "channel=\"sms\"") - sms).isEqualTo(1);
    assertThat(client.get("/metrics").body()).contains("application=\"messaging-simulator\"")
        .contains("messaging_stored{");
  }
}
