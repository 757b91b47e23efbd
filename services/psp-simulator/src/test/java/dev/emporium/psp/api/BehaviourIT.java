package dev.emporium.psp.api;

import static dev.emporium.psp.PspTestSupport.KEY;
import static dev.emporium.psp.PspTestSupport.charge;
import static dev.emporium.psp.PspTestSupport.metric;
import static dev.emporium.psp.PspTestSupport.newKey;
import static dev.emporium.psp.PspTestSupport.postKeyed;
import static dev.emporium.psp.PspTestSupport.postWithPatience;
import static dev.emporium.psp.PspTestSupport.visa;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.emporium.platform.testing.HttpTestClient;
import dev.emporium.platform.testing.TestResponse;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "emporium.psp.admin-token=drill-token",
    "emporium.psp.timeout-hold=1500ms",
    "emporium.psp.max-latency=10s"})
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

  void behave(Map<String, Object> behaviour) {
    TestResponse put = admin.put("/admin/behaviour", behaviour);
    assertThat(put.status()).as(put.body()).isEqualTo(200);
  }

  @Test
  void theAdminApiNeedsTheToken() {
    TestResponse anonymous = client.get("/admin/behaviour");
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.header("WWW-Authenticate")).isEqualTo("Bearer");
    assertThat(anonymous.json().get("type").asString()).isEqualTo("urn:emporium:problem:unauthenticated");

    assertThat(client.header("Authorization", "Bearer guess").put("/admin/behaviour", Map.of("failureRate", 1))
        .status()).isEqualTo(401);
    assertThat(admin.get("/admin/behaviour").json().get("failureRate").asDouble()).isZero();
  }

  @Test
  void changesTheBehaviourWhileRunning() {
    behave(Map.of("latencyMs", 20, "latencyJitterMs", 5, "failureRate", 0.25, "timeoutRate", 0.1, "seed", 7));

    TestResponse current = admin.get("/admin/behaviour");
    assertThat(current.json().get("latencyMs").asLong()).isEqualTo(20);
    assertThat(current.json().get("latencyJitterMs").asLong()).isEqualTo(5);
    assertThat(current.json().get("failureRate").asDouble()).isEqualTo(0.25);
    assertThat(current.json().get("timeoutRate").asDouble()).isEqualTo(0.1);
    assertThat(current.json().get("seed").asLong()).isEqualTo(7);
    assertThat(current.json().get("timeoutHoldMs").asLong()).isEqualTo(1500);

    TestResponse reset = admin.delete("/admin/behaviour");
    assertThat(reset.json().get("failureRate").asDouble()).isZero();
    assertThat(reset.json().get("latencyMs").asLong()).isZero();
  }

  @Test
  void failureRateOneFailsEveryCallAndZeroNone() {
    double injectedBefore = metric(client, "psp_injected_failures_total", "kind=\"failure\"");
    behave(Map.of("failureRate", 1.0));
    for (int i = 0; i < 20; i++) {
      TestResponse failed = postKeyed(client, "/v1/charges", visa("1.00"));
      assertThat(failed.status()).isEqualTo(503);
      assertThat(failed.json().get("type").asString()).isEqualTo("urn:emporium:problem:unavailable");
    }
    assertThat(client.get("/v1/charges/ch_any").status()).isEqualTo(503);
    assertThat(metric(client, "psp_injected_failures_total", "kind=\"failure\"") - injectedBefore).isEqualTo(21);

    behave(Map.of("failureRate", 0.0));
    for (int i = 0; i < 20; i++) {
      assertThat(postKeyed(client, "/v1/charges", visa("1.00")).status()).isEqualTo(201);
    }
  }

  @Test
  void anInjectedFailureProcessesNothingSoTheRetrySucceeds() {
    HttpTestClient keyed = client.header(KEY, newKey());
    Map<String, Object> body = visa("9.00");
    behave(Map.of("failureRate", 1.0));
    assertThat(keyed.post("/v1/charges", body).status()).isEqualTo(503);

    behave(Map.of());
    TestResponse retry = keyed.post("/v1/charges", body);

    assertThat(retry.status()).isEqualTo(201);
    assertThat(retry.header("Idempotent-Replayed")).isNull();
  }

  @Test
  void appliesTheConfiguredLatency() {
    behave(Map.of("latencyMs", 400));

    long started = System.nanoTime();
    TestResponse slow = postKeyed(client, "/v1/charges", visa("1.00"));
    long tookMs = (System.nanoTime() - started) / 1_000_000;

    assertThat(slow.status()).isEqualTo(201);
    assertThat(tookMs).isGreaterThanOrEqualTo(400);
  }

  @Test
  void anInjectedTimeoutOutlastsTheClientsPatience() throws Exception {
    double before = metric(client, "psp_injected_failures_total", "kind=\"timeout\"");
    behave(Map.of("timeoutRate", 1.0));

    assertThatThrownBy(() -> postWithPatience(port, "/v1/charges", visa("1.00"), Duration.ofMillis(500), KEY, newKey()))
        .isInstanceOf(HttpTimeoutException.class);

    long started = System.nanoTime();
    HttpResponse<String> held = postWithPatience(port, "/v1/charges", visa("1.00"), Duration.ofSeconds(10), KEY, newKey());
    assertThat(held.statusCode()).isEqualTo(503);
    assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(1500);
    assertThat(metric(client, "psp_injected_failures_total", "kind=\"timeout\"") - before).isEqualTo(2);
  }

  @Test
  void rejectsABehaviourOutsideItsLimits() {
    TestResponse rate = admin.put("/admin/behaviour", Map.of("failureRate", 1.5));
    assertThat(ChargeApiIT.invalidField(rate)).isEqualTo("failureRate");

    TestResponse latency = admin.put("/admin/behaviour", Map.of("latencyMs", 9_000, "latencyJitterMs", 1_001));
    assertThat(ChargeApiIT.invalidField(latency)).isEqualTo("latencyMs");
    assertThat(latency.json().get("errors").get(0).get("message").asString()).contains("10000");

    assertThat(admin.get("/admin/behaviour").json().get("latencyMs").asLong()).isZero();
  }

  @Test
  void countsChargesByOutcomeAndRefunds() {
    double succeeded = metric(client, "psp_charges_total", "outcome=\"succeeded\"");
    double declined = metric(client, "psp_charges_total", "outcome=\"declined\"");
    double refunds = metric(client, "psp_refunds_total", "");

    String id = postKeyed(client, "/v1/charges", visa("3.00")).json().get("id").asString();
    postKeyed(client, "/v1/charges", charge("2.00", "EUR", "tok_chargeDeclined", "o-m"));
    postKeyed(client, "/v1/refunds", Map.of("chargeId", id));

    assertThat(metric(client, "psp_charges_total", "outcome=\"succeeded\"") - succeeded).isEqualTo(1);
    assertThat(metric(client, "psp_charges_total", "outcome=\"declined\"") - declined).isEqualTo(1);
    assertThat(metric(client, "psp_refunds_total", "") - refunds).isEqualTo(1);
    assertThat(client.get("/metrics").body()).contains("application=\"psp-simulator\"");
  }
}
