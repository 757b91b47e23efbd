package dev.emporium.launcher.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnginePortsTest {

  @Test
  void aTakenPortIsNamedWithItsEngineAndTheVariableThatMovesIt() throws IOException {
    try (ServerSocket other = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        ServerSocket free = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      int freePort = free.getLocalPort();
      free.close();
      var wanted = List.of(new EnginePorts.Wanted("PostgreSQL", other.getLocalPort(), "EMPORIUM_POSTGRES_PORT"),
          new EnginePorts.Wanted("AMQP broker", freePort, "EMPORIUM_AMQP_PORT"));

      assertThatThrownBy(() -> EnginePorts.requireFree(wanted))
          .isInstanceOfSatisfying(EnginePorts.PortInUseException.class,
              e -> assertThat(e.taken()).extracting(EnginePorts.Wanted::port).containsExactly(other.getLocalPort()))
          .hasMessageContaining("port " + other.getLocalPort() + " of the embedded PostgreSQL is in use")
          .hasMessageContaining("EMPORIUM_POSTGRES_PORT")
          .hasMessageNotContaining("EMPORIUM_AMQP_PORT");
    }
  }

  @Test
  void freePortsPass() throws IOException {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    EnginePorts.requireFree(List.of(new EnginePorts.Wanted("Kafka broker", port, "EMPORIUM_KAFKA_PORT")));
    assertThat(EnginePorts.free(port)).isTrue();
  }

  @TempDir
  Path data;

  @Test
  void onlyEmbeddedEnginesArePortsToCheck() {
    var embedded = new Platform(settings(Optional.empty(), Optional.empty(), Optional.empty()));
    var external = new Platform(settings(Optional.of("db:5432"), Optional.of("kafka:9092"), Optional.empty()));

    assertThat(embedded.embeddedEnginePorts()).extracting(EnginePorts.Wanted::variable).containsExactly(
        "EMPORIUM_POSTGRES_PORT", "EMPORIUM_KAFKA_PORT", "EMPORIUM_KAFKA_CONTROLLER_PORT", "EMPORIUM_AMQP_PORT");
    assertThat(external.embeddedEnginePorts()).extracting(EnginePorts.Wanted::variable)
        .containsExactly("EMPORIUM_AMQP_PORT");
  }

  private EngineSettings settings(Optional<String> postgres, Optional<String> kafka, Optional<String> amqp) {
    return new EngineSettings(data, postgres, kafka, amqp, Optional.empty(), 15432,
        9092, 9093, 5673, "", Optional.empty());
  }
}
