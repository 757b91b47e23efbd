package dev.emporium.platform.service.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.platform.service.sample.SampleServiceApplication;
import dev.emporium.platform.testing.HttpTestClient;
import dev.emporium.platform.testing.TestResponse;
import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The database is a port nobody listens on: the service runs, is live, and is not ready. */
@SpringBootTest(classes = SampleServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "spring.datasource.hikari.connection-timeout=500")
class ReadinessWhenDatabaseUnreachableIT {

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    registry.add("spring.datasource.url", () -> "jdbc:postgresql://127.0.0.1:" + closedPort + "/nothing");
    registry.add("spring.datasource.username", () -> "postgres");
  }

  @LocalServerPort
  int port;

  @Test
  void notReadyAndSaysWhichDependencyIsDown() {
    TestResponse ready = HttpTestClient.forPort(port).get("/health/ready");

    assertThat(ready.status()).isEqualTo(503);
    assertThat(ready.json().get("status").asString()).isEqualTo("DOWN");
    assertThat(ready.json().get("components").get("db").get("status").asString()).isEqualTo("DOWN");
    assertThat(ready.body()).doesNotContain("Connection refused");
  }

  @Test
  void stillLiveSoThatNobodyRestartsItForSomeoneElsesOutage() {
    TestResponse live = HttpTestClient.forPort(port).get("/health/live");

    assertThat(live.status()).isEqualTo(200);
  }
}
