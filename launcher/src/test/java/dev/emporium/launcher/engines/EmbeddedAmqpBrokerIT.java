package dev.emporium.launcher.engines;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.MessageProperties;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedAmqpBrokerIT {

  @TempDir
  Path data;

  @Test
  void onlyClosingItStopsTheBrokerNotAShutdownHookOfQpidsOwn() throws Exception {
    int port = freePort();
    EmbeddedAmqpBroker broker = EmbeddedAmqpBroker.start(data.resolve("amqp"), port);
    try {
      assertThat(broker.stopsOnlyWhenClosed()).isTrue();
      try (Connection connection = connect(port)) {
        assertThat(connection.isOpen()).isTrue();
        assertThat(connection.getServerProperties().get("product").toString()).containsIgnoringCase("qpid");
      }
    } finally {
      broker.close();
    }
  }

  @Test
  void persistentMessagesOutliveARestartAndAcknowledgedOnesAreGone() throws Exception {
    int port = freePort();
    Path work = data.resolve("amqp");
    EmbeddedAmqpBroker broker = EmbeddedAmqpBroker.start(work, port);
    try (Connection connection = connect(port); Channel channel = connection.createChannel()) {
      channel.confirmSelect();
      channel.queueDeclare("durability-check", true, false, false, null);
      for (int i = 0; i < 5; i++) {
        channel.basicPublish("", "durability-check", MessageProperties.PERSISTENT_TEXT_PLAIN,
            ("job-" + i).getBytes(StandardCharsets.UTF_8));
      }
      channel.waitForConfirmsOrDie(5_000);
      // Two taken and acknowledged before the restart: they must not come back.
      for (int i = 0; i < 2; i++) {
        GetResponse taken = channel.basicGet("durability-check", false);
        channel.basicAck(taken.getEnvelope().getDeliveryTag(), false);
      }
    } finally {
      broker.close();
    }
    assertThat(Files.list(work.resolve("default-node")).map(p -> p.getFileName().toString()))
        .as("the message store is an H2 file").anyMatch(name -> name.endsWith(".mv.db"));

    EmbeddedAmqpBroker again = EmbeddedAmqpBroker.start(work, port);
    try (Connection connection = connect(port); Channel channel = connection.createChannel()) {
      List<String> left = new ArrayList<>();
      GetResponse next;
      while ((next = channel.basicGet("durability-check", true)) != null) {
        left.add(new String(next.getBody(), StandardCharsets.UTF_8));
      }
      assertThat(left).containsExactly("job-2", "job-3", "job-4");
    } finally {
      again.close();
    }
  }

  private static Connection connect(int port) throws IOException, TimeoutException {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost("127.0.0.1");
    factory.setPort(port);
    return factory.newConnection();
  }

  private static int freePort() throws IOException {
    try (ServerSocket probe = new ServerSocket(0)) {
      return probe.getLocalPort();
    }
  }
}
