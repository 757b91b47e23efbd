package dev.emporium.launcher.engines;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedAmqpBrokerIT {

  @TempDir
  Path data;

  @Test
  void onlyClosingItStopsTheBrokerNotAShutdownHookOfQpidsOwn() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    EmbeddedAmqpBroker broker = EmbeddedAmqpBroker.start(data.resolve("amqp"), port);
    try {
      assertThat(broker.stopsOnlyWhenClosed()).isTrue();
      ConnectionFactory factory = new ConnectionFactory();
      factory.setHost("127.0.0.1");
      factory.setPort(port);
      try (Connection connection = factory.newConnection()) {
        assertThat(connection.isOpen()).isTrue();
        assertThat(connection.getServerProperties().get("product").toString()).containsIgnoringCase("qpid");
      }
    } finally {
      broker.close();
    }
  }
}
