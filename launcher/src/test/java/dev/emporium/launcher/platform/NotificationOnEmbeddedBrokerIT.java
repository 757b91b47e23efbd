package dev.emporium.launcher.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.emporium.launcher.engines.EmbeddedAmqpBroker;
import dev.emporium.notification.job.Channel;
import dev.emporium.notification.job.Notice;
import dev.emporium.notification.job.NoticeKind;
import dev.emporium.notification.job.NotificationJob;
import dev.emporium.notification.queue.JobPublisher;
import dev.emporium.platform.testing.InProcessKafka;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The notification service as {@code emporium up} runs it on the embedded AMQP broker: with the
 * platform's wiring for an embedded broker it starts, and a push the provider refuses once is
 * retried after its delay and delivered.
 */
class NotificationOnEmbeddedBrokerIT {

  @TempDir Path data;
  private EmbeddedAmqpBroker broker;
  private HttpServer pushProvider;
  private ConfigurableApplicationContext notification;
  private final List<Instant> pushes = new CopyOnWriteArrayList<>();
  private final AtomicInteger refusalsLeft = new AtomicInteger(1);

  @BeforeEach
  void start() throws IOException {
    broker = EmbeddedAmqpBroker.start(data.resolve("amqp"), freePort());
    pushProvider = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    pushProvider.createContext("/v1/push", exchange -> {
      pushes.add(Instant.now());
      exchange.getRequestBody().readAllBytes();
      exchange.sendResponseHeaders(refusalsLeft.getAndDecrement() > 0 ? 503 : 202, -1);
      exchange.close();
    });
    pushProvider.start();
  }

  @AfterEach
  void stop() {
    if (notification != null) notification.close();
    pushProvider.stop(0);
    broker.close();
  }

  @Test
  void startsOnTheEmbeddedBrokerAndDeliversARetriedPushAfterItsDelay() throws IOException {
    ServiceDefinition definition = PlatformServices.named("notification").orElseThrow();
    var engines = new ServiceDefinition.Engines("127.0.0.1", 1, "unused", "127.0.0.1", broker.port(), true, "");
    var wiring = new ServiceDefinition.Wiring(engines, PlatformServices.defaultPorts());
    Map<String, String> settings = new HashMap<>(definition.settings().apply(wiring));
    assertThat(settings).containsEntry("emporium.notification.retry.delay-mode", "held");

    InProcessKafka kafka = InProcessKafka.shared();
    settings.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
    settings.put("emporium.notification.order-topic", kafka.newTopic("order-events"));
    settings.put("emporium.notification.payment-topic", kafka.newTopic("payment-events"));
    settings.put("emporium.notification.shipping-topic", kafka.newTopic("shipping-events"));
    settings.put("emporium.notification.consumer-group", InProcessKafka.uniqueName("notification-it"));
    settings.put("spring.rabbitmq.host", engines.amqpHost());
    settings.put("spring.rabbitmq.port", String.valueOf(engines.amqpPort()));
    settings.put("emporium.notification.providers.push-url", "http://127.0.0.1:" + pushProvider.getAddress().getPort());
    settings.put("emporium.notification.retry.initial-delay", "500ms");
    settings.put("server.address", "127.0.0.1");
    settings.put("server.port", "0");
    notification = ServiceRunner.start(definition, settings, Files.createDirectories(data.resolve("config")));

    notification.getBean(JobPublisher.class).publish(NotificationJob.of(notice(), Channel.PUSH));

    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (pushes.size() < 2 && System.nanoTime() < deadline) {
      sleep();
    }
    assertThat(pushes).as("the refused push and its retry").hasSize(2);
    assertThat(Duration.between(pushes.get(0), pushes.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(500))
        .isLessThan(Duration.ofMillis(500 + 2_000));
  }

  private static Notice notice() {
    return new Notice(UUID.randomUUID().toString(), "/services/payment", NoticeKind.PAYMENT_PROCESSED,
        "u-" + UUID.randomUUID(), UUID.randomUUID().toString(), new Notice.Money(new BigDecimal("12.00"), "EUR"),
        List.of(), null, null, null, null, null, Instant.now());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
