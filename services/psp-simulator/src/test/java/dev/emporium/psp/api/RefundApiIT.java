package dev.emporium.psp.api;

import static dev.emporium.psp.PspTestSupport.KEY;
import static dev.emporium.psp.PspTestSupport.charge;
import static dev.emporium.psp.PspTestSupport.money;
import static dev.emporium.psp.PspTestSupport.newKey;
import static dev.emporium.psp.PspTestSupport.postKeyed;
import static dev.emporium.psp.PspTestSupport.visa;
import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.platform.testing.HttpTestClient;
import dev.emporium.platform.testing.TestResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RefundApiIT {

  @LocalServerPort int port;
  HttpTestClient client;

  @BeforeEach
  void setUp() {
    client = HttpTestClient.forPort(port);
  }

  String chargeOf(String amount) {
    TestResponse created = postKeyed(client, "/v1/charges", visa(amount));
    assertThat(created.status()).isEqualTo(201);
    return created.json().get("id").asString();
  }

  static Map<String, Object> refund(String chargeId, String amount) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("chargeId", chargeId);
    if (amount != null) {
      body.put("amount", money(amount, "EUR"));
    }
    return body;
  }

  String refunded(String chargeId) {
    return client.get("/v1/charges/" + chargeId).json().get("amountRefunded").get("amount").asString();
  }

  @Test
  void refundsTheWholeChargeWhenNoAmountIsGiven() {
    String chargeId = chargeOf("20.00");

    TestResponse refund = postKeyed(client, "/v1/refunds", refund(chargeId, null));

    assertThat(refund.status()).as(refund.body()).isEqualTo(201);
    assertThat(refund.json().get("id").asString()).startsWith("re_");
    assertThat(refund.json().get("chargeId").asString()).isEqualTo(chargeId);
    assertThat(refund.json().get("status").asString()).isEqualTo("succeeded");
    assertThat(refund.json().get("amount").get("amount").asString()).isEqualTo("20.00");
    assertThat(refunded(chargeId)).isEqualTo("20.00");

    TestResponse again = postKeyed(client, "/v1/refunds", refund(chargeId, null));
    assertThat(again.status()).isEqualTo(422);
    assertThat(again.json().get("detail").asString()).contains("already fully refunded");
  }

  @Test
  void refundsPartsUpToTheChargedAmount() {
    String chargeId = chargeOf("20.00");

    assertThat(postKeyed(client, "/v1/refunds", refund(chargeId, "5.00")).status()).isEqualTo(201);
    assertThat(refunded(chargeId)).isEqualTo("5.00");
    assertThat(postKeyed(client, "/v1/refunds", refund(chargeId, "15")).status()).isEqualTo(201);
    assertThat(refunded(chargeId)).isEqualTo("20.00");
    assertThat(postKeyed(client, "/v1/refunds", refund(chargeId, "0.01")).status()).isEqualTo(422);
  }

  @Test
  void refusesToRefundMoreThanIsLeft() {
    String chargeId = chargeOf("10.00");
    postKeyed(client, "/v1/refunds", refund(chargeId, "4.00"));

    TestResponse over = postKeyed(client, "/v1/refunds", refund(chargeId, "6.01"));

    assertThat(over.status()).isEqualTo(422);
    assertThat(over.contentType()).startsWith("application/problem+json");
    assertThat(over.json().get("type").asString()).isEqualTo("urn:emporium:problem:refund-refused");
    assertThat(over.json().get("detail").asString()).contains("6.01 EUR").contains("6.00 EUR");
    assertThat(refunded(chargeId)).isEqualTo("4.00");
  }

  @Test
  void anUnknownChargeCannotBeRefunded() {
    TestResponse unknown = postKeyed(client, "/v1/refunds", refund("ch_unknown", "1.00"));

    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().get("type").asString()).isEqualTo("urn:emporium:problem:not-found");
    assertThat(unknown.json().get("detail").asString()).contains("ch_unknown");
  }

  @Test
  void aDeclinedChargeCannotBeRefunded() {
    String declined = postKeyed(client, "/v1/charges", charge("10.00", "EUR", "tok_chargeDeclined", "o-d"))
        .json().get("id").asString();

    assertThat(postKeyed(client, "/v1/refunds", refund(declined, null)).status()).isEqualTo(422);
  }

  @Test
  void aRetriedRefundRefundsOnce() {
    String chargeId = chargeOf("10.00");
    HttpTestClient keyed = client.header(KEY, newKey());

    TestResponse first = keyed.post("/v1/refunds", refund(chargeId, "3.00"));
    TestResponse retry = keyed.post("/v1/refunds", refund(chargeId, "3.00"));

    assertThat(retry.status()).isEqualTo(201);
    assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(retry.json().get("id").asString()).isEqualTo(first.json().get("id").asString());
    assertThat(refunded(chargeId)).isEqualTo("3.00");
    assertThat(keyed.post("/v1/refunds", refund(chargeId, "4.00")).status()).isEqualTo(409);
  }

  @Test
  void validatesTheRefundsFields() {
    String chargeId = chargeOf("10.00");
    Map<String, Object> otherCurrency = Map.of("chargeId", chargeId, "amount", money("1.00", "USD"));

    assertThat(ChargeApiIT.invalidField(postKeyed(client, "/v1/refunds", otherCurrency))).isEqualTo("amount.currency");
    assertThat(ChargeApiIT.invalidField(postKeyed(client, "/v1/refunds", refund(chargeId, "0")))).isEqualTo("amount.amount");
    assertThat(ChargeApiIT.invalidField(postKeyed(client, "/v1/refunds", refund("", null)))).isEqualTo("chargeId");
    assertThat(client.post("/v1/refunds", refund(chargeId, null)).status()).isEqualTo(400);
  }
}
