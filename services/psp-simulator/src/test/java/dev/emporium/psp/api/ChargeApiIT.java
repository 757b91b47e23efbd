package dev.emporium.psp.api;

import static dev.emporium.psp.PspTestSupport.KEY;
import static dev.emporium.psp.PspTestSupport.charge;
import static dev.emporium.psp.PspTestSupport.newKey;
import static dev.emporium.psp.PspTestSupport.postKeyed;
import static dev.emporium.psp.PspTestSupport.visa;
import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.platform.testing.HttpTestClient;
import dev.emporium.platform.testing.TestResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ChargeApiIT {

  @LocalServerPort int port;
  HttpTestClient client;

  @BeforeEach
  void setUp() {
    client = HttpTestClient.forPort(port);
  }

  @Test
  void approvesTokVisaWithACreatedCharge() {
    TestResponse created = client.header(KEY, newKey()).post("/v1/charges", charge("12.5", "EUR", "tok_visa", "o-1"));

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonNode charge = created.json();
    String id = charge.get("id").asString();
    assertThat(id).startsWith("ch_");
    assertThat(charge.get("status").asString()).isEqualTo("succeeded");
    assertThat(charge.get("amount").get("amount").asString()).isEqualTo("12.50");
    assertThat(charge.get("amount").get("currency").asString()).isEqualTo("EUR");
    assertThat(charge.get("paymentMethod").asString()).isEqualTo("tok_visa");
    assertThat(charge.get("orderId").asString()).isEqualTo("o-1");
    assertThat(charge.get("createdAt").asString()).isNotBlank();
    assertThat(charge.has("declineCode")).isFalse();
    assertThat(created.header("Location")).isEqualTo("/v1/charges/" + id);
    assertThat(created.header("Idempotent-Replayed")).isNull();

    TestResponse read = client.get("/v1/charges/" + id);
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.json().get("status").asString()).isEqualTo("succeeded");
    assertThat(read.json().get("amountRefunded").get("amount").asString()).isEqualTo("0.00");
  }

  @Test
  void declinesTokChargeDeclinedWithPaymentRequired() {
    TestResponse declined = postKeyed(client, "/v1/charges", charge("30.00", "EUR", "tok_chargeDeclined", "o-2"));

    assertThat(declined.status()).as(declined.body()).isEqualTo(402);
    JsonNode body = declined.json();
    assertThat(body.get("status").asString()).isEqualTo("failed");
    assertThat(body.get("declineCode").asString()).isEqualTo("card_declined");
    assertThat(body.get("id").asString()).startsWith("ch_");
    assertThat(client.get("/v1/charges/" + body.get("id").asString()).json().get("status").asString())
        .isEqualTo("failed");
  }

  @Test
  void answersARetryWithTheSameKeyAndBodyWithTheFirstAnswer() {
    HttpTestClient keyed = client.header(KEY, newKey());
    Map<String, Object> body = visa("40.00");

    TestResponse first = keyed.post("/v1/charges", body);
    TestResponse retry = keyed.post("/v1/charges", body);

    assertThat(retry.status()).isEqualTo(201);
    assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(retry.json().get("id").asString()).isEqualTo(first.json().get("id").asString());
    assertThat(retry.json()).isEqualTo(first.json());
    assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
  }

  @Test
  void replaysADeclineAsADecline() {
    HttpTestClient keyed = client.header(KEY, newKey());
    Map<String, Object> body = charge("5.00", "EUR", "tok_chargeDeclined", "o-3");

    String first = keyed.post("/v1/charges", body).json().get("id").asString();
    TestResponse retry = keyed.post("/v1/charges", body);

    assertThat(retry.status()).isEqualTo(402);
    assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(retry.json().get("id").asString()).isEqualTo(first);
  }

  @Test
  void refusesTheSameKeyWithADifferentBody() {
    HttpTestClient keyed = client.header(KEY, newKey());
    keyed.post("/v1/charges", visa("10.00"));

    TestResponse conflict = keyed.post("/v1/charges", visa("11.00"));

    assertThat(conflict.status()).isEqualTo(409);
    assertThat(conflict.contentType()).startsWith("application/problem+json");
    assertThat(conflict.json().get("type").asString()).isEqualTo("urn:emporium:problem:conflict");
    assertThat(conflict.json().get("detail").asString()).contains("Idempotency-Key");
  }

  @Test
  void concurrentRetriesWithOneKeyMakeOneCharge() throws Exception {
    HttpTestClient keyed = client.header(KEY, newKey());
    Map<String, Object> body = visa("7.00");
    List<Callable<TestResponse>> calls = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      calls.add(() -> keyed.post("/v1/charges", body));
    }
    List<String> ids = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (Future<TestResponse> response : pool.invokeAll(calls)) {
        assertThat(response.get().status()).isEqualTo(201);
        ids.add(response.get().json().get("id").asString());
      }
    }
    assertThat(ids).hasSize(8).containsOnly(ids.getFirst());
  }

  @Test
  void requiresAnIdempotencyKey() {
    TestResponse missing = client.post("/v1/charges", visa("10.00"));

    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.contentType()).startsWith("application/problem+json");
    assertThat(missing.json().get("type").asString()).isEqualTo("urn:emporium:problem:validation");
    assertThat(missing.json().get("errors").get(0).get("field").asString()).isEqualTo("Idempotency-Key");

    TestResponse tooLong = client.header(KEY, "k".repeat(256)).post("/v1/charges", visa("10.00"));
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.json().get("errors").get(0).get("message").asString()).contains("at most 255");
  }

  @Test
  void rejectsAnUnknownPaymentMethod() {
    TestResponse unknown = postKeyed(client, "/v1/charges", charge("10.00", "EUR", "tok_mastercard", "o-4"));

    assertThat(unknown.status()).isEqualTo(400);
    assertThat(invalidField(unknown)).isEqualTo("paymentMethod");
  }

  @Test
  void namesTheFieldOfAnInvalidAmountOrCurrency() {
    assertThat(invalidField(postKeyed(client, "/v1/charges", charge("12,50", "EUR", "tok_visa", "o")))).isEqualTo("amount.amount");
    assertThat(invalidField(postKeyed(client, "/v1/charges", charge("-1", "EUR", "tok_visa", "o")))).isEqualTo("amount.amount");
    assertThat(invalidField(postKeyed(client, "/v1/charges", charge("0.00", "EUR", "tok_visa", "o")))).isEqualTo("amount.amount");
    assertThat(invalidField(postKeyed(client, "/v1/charges", charge("9.999", "EUR", "tok_visa", "o")))).isEqualTo("amount.amount");
    assertThat(invalidField(postKeyed(client, "/v1/charges", charge("1.5", "JPY", "tok_visa", "o")))).isEqualTo("amount.amount");
    assertThat(invalidField(postKeyed(client, "/v1/charges", charge("10.00", "eur", "tok_visa", "o")))).isEqualTo("amount.currency");
    assertThat(invalidField(postKeyed(client, "/v1/charges", charge("10.00", "ABC", "tok_visa", "o")))).isEqualTo("amount.currency");
    assertThat(invalidField(postKeyed(client, "/v1/charges", charge("10.00", "EUR", "tok_visa", "o".repeat(101))))).isEqualTo("orderId");
    assertThat(invalidField(postKeyed(client, "/v1/charges", Map.of("paymentMethod", "tok_visa", "orderId", "o"))))
        .isEqualTo("amount");
  }

  @Test
  void rejectsAnAmountAboveTheLimitNamingIt() {
    TestResponse tooMuch = postKeyed(client, "/v1/charges", charge("1000000.01", "EUR", "tok_visa", "o-5"));

    assertThat(invalidField(tooMuch)).isEqualTo("amount.amount");
    assertThat(tooMuch.json().get("errors").get(0).get("message").asString()).isEqualTo("must be at most 1000000");
    assertThat(postKeyed(client, "/v1/charges", charge("1000000", "EUR", "tok_visa", "o-5")).status()).isEqualTo(201);
  }

  @Test
  void aRejectedRequestDoesNotSpendItsKey() {
    HttpTestClient keyed = client.header(KEY, newKey());
    assertThat(keyed.post("/v1/charges", charge("10.00", "EUR", "tok_unknown", "o-6")).status()).isEqualTo(400);

    TestResponse corrected = keyed.post("/v1/charges", charge("10.00", "EUR", "tok_visa", "o-6"));

    assertThat(corrected.status()).isEqualTo(201);
    assertThat(corrected.header("Idempotent-Replayed")).isNull();
  }

  @Test
  void anUnknownChargeIsNotFound() {
    TestResponse missing = client.get("/v1/charges/ch_nope");

    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().get("type").asString()).isEqualTo("urn:emporium:problem:not-found");
  }

  static String invalidField(TestResponse response) {
    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(response.json().get("type").asString()).isEqualTo("urn:emporium:problem:validation");
    return response.json().get("errors").get(0).get("field").asString();
  }
}
