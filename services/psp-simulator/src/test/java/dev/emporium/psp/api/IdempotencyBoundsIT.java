package dev.emporium.psp.api;

import static dev.emporium.psp.PspTestSupport.KEY;
import static dev.emporium.psp.PspTestSupport.visa;
import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.platform.testing.HttpTestClient;
import dev.emporium.platform.testing.TestResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "emporium.psp.idempotency.max-keys=3",
    "emporium.psp.max-charges=3"})
class IdempotencyBoundsIT {

  @LocalServerPort int port;

  @Test
  void forgetsTheOldestKeysAndChargesPastTheirBounds() {
    HttpTestClient client = HttpTestClient.forPort(port);
    Map<String, Object> first = visa("1.00");
    String firstId = client.header(KEY, "k1").post("/v1/charges", first).json().get("id").asString();
    Map<String, Object> later = visa("2.00");
    for (String key : new String[] {"k2", "k3", "k4"}) {
      assertThat(client.header(KEY, key).post("/v1/charges", later).status()).isEqualTo(201);
    }

    TestResponse newest = client.header(KEY, "k4").post("/v1/charges", later);
    assertThat(newest.header("Idempotent-Replayed")).isEqualTo("true");

    TestResponse oldest = client.header(KEY, "k1").post("/v1/charges", first);
    assertThat(oldest.status()).isEqualTo(201);
    assertThat(oldest.header("Idempotent-Replayed")).isNull();
    assertThat(oldest.json().get("id").asString()).isNotEqualTo(firstId);

    assertThat(client.get("/v1/charges/" + firstId).status()).isEqualTo(404);
    assertThat(client.get("/metrics").body()).contains("psp_idempotency_keys{").contains("psp_charges_stored{");
  }
}
