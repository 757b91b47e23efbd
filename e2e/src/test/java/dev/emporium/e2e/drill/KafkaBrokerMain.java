package dev.emporium.e2e.drill;

import dev.emporium.launcher.engines.EmbeddedKafka;
import java.nio.file.Path;

/**
 * A Kafka broker as a process of its own, so a drill can stop it and start it again on the same
 * log directory and ports: {@code KafkaBrokerMain LOG_DIR PORT CONTROLLER_PORT}.
 */
public final class KafkaBrokerMain {

  private KafkaBrokerMain() {}

  public static void main(String[] args) throws InterruptedException {
    EmbeddedKafka kafka = EmbeddedKafka.start(Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]), 3);
    Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "stop-kafka"));
    System.out.println("kafka ready on " + kafka.bootstrapServers());
    Thread.currentThread().join();
  }
}
