package dev.emporium.platform.service.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.platform.service.sample.SampleServiceApplication;
import dev.emporium.platform.testing.HttpTestClient;
import dev.emporium.platform.testing.PostgresDatabases;
import dev.emporium.platform.testing.TestDatabase;
import dev.emporium.platform.testing.TestResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(classes = SampleServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "spring.application.name=sample")
class ProbesAndMetricsIT {

  static final TestDatabase db = PostgresDatabases.create(ProbesAndMetricsIT.class);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    db.registerDataSource(registry);
  }

  @LocalServerPort
  int port;

  @Test
  void readyWhenTheDatabaseAnswers() {
    TestResponse ready = HttpTestClient.forPort(port).get("/health/ready");

    assertThat(ready.status()).as(ready.body()).isEqualTo(200);
    assertThat(ready.json().get("status").asString()).isEqualTo("UP");
    assertThat(ready.json().get("components").get("db").get("status").asString()).isEqualTo("UP");
    assertThat(ready.json().get("components").has("readinessState")).isTrue();
  }

  @Test
  void liveIsUp() {
    TestResponse live = HttpTestClient.forPort(port).get("/health/live");

    assertThat(live.status()).isEqualTo(200);
    assertThat(live.json().get("status").asString()).isEqualTo("UP");
  }

  @Test
  void prometheusMetricsAtSlashMetricsTaggedWithTheApplication() {
    HttpTestClient client = HttpTestClient.forPort(port);
    client.get("/samples?limit=3");
    client.get("/health/ready");

    TestResponse metrics = client.get("/metrics");

    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.contentType()).startsWith("text/plain");
    assertThat(metrics.body()).contains("http_server_requests_seconds_count{application=\"sample\"")
        .contains("hikaricp_connections").contains("jvm_threads_live_threads");
  }

  @Test
  void openApiDescriptionAtSlashOpenapi() {
    TestResponse openapi = HttpTestClient.forPort(port).get("/openapi");

    assertThat(openapi.status()).isEqualTo(200);
    assertThat(openapi.json().get("openapi").asString()).startsWith("3.");
    assertThat(openapi.json().get("paths").has("/samples")).isTrue();
  }

  @Test
  void actuatorIsNotExposedBeyondProbesAndMetrics() {
    HttpTestClient client = HttpTestClient.forPort(port);

    assertThat(client.get("/env").status()).isEqualTo(404);
    assertThat(client.get("/actuator").status()).isEqualTo(404);
    assertThat(client.get("/beans").status()).isEqualTo(404);
  }
}
