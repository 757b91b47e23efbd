package dev.emporium.launcher.engines;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A single-node Kafka broker in this JVM (KRaft: broker and controller in one node, no ZooKeeper),
 * with its log in the data directory: events published before a restart are still there after it,
 * and consumer groups resume where they stopped. The storage is formatted on first start only.
 */
public final class EmbeddedKafka implements AutoCloseable {

  private static final String CONTROLLER = "CONTROLLER";

  private final KafkaRaftServer server;
  private final int port;

  private EmbeddedKafka(KafkaRaftServer server, int port) {
    this.server = server;
    this.port = port;
  }

  public static EmbeddedKafka start(Path logDirectory, int port, int controllerPort, int partitions) {
    String dir = logDirectory.toAbsolutePath().toString();
    Map<String, Object> config = new HashMap<>();
    config.put("process.roles", "broker,controller");
    config.put("node.id", "1");
    config.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    config.put("controller.listener.names", CONTROLLER);
    config.put("listeners", "PLAINTEXT://127.0.0.1:" + port + "," + CONTROLLER + "://127.0.0.1:" + controllerPort);
    config.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
    config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER + ":PLAINTEXT");
    config.put("inter.broker.listener.name", "PLAINTEXT");
    config.put("log.dirs", dir);
    config.put("num.partitions", String.valueOf(partitions));
    config.put("auto.create.topics.enable", "true");
    config.put("offsets.topic.replication.factor", "1");
    config.put("offsets.topic.num.partitions", "3");
    config.put("transaction.state.log.replication.factor", "1");
    config.put("transaction.state.log.min.isr", "1");
    config.put("share.coordinator.state.topic.replication.factor", "1");
    config.put("share.coordinator.state.topic.min.isr", "1");
    config.put("group.initial.rebalance.delay.ms", "0");
    config.put("log.retention.hours", "168");
    config.put("log.segment.bytes", String.valueOf(64 * 1024 * 1024));
    try {
      if (!Files.exists(logDirectory.resolve("meta.properties"))) {
        Files.createDirectories(logDirectory);
        new Formatter()
            .setPrintStream(System.err)
            .setNodeId(1)
            .setClusterId(Uuid.randomUuid().toString())
            .setDirectories(Set.of(dir))
            .setMetadataLogDirectory(dir)
            .setControllerListenerName(CONTROLLER)
            .setReleaseVersion(MetadataVersion.latestProduction())
            .setUnstableFeatureVersionsEnabled(false)
            .setIgnoreFormatted(true)
            .setScramArguments(List.of())
            .run();
      }
      KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(config, false), Time.SYSTEM);
      server.startup();
      return new EmbeddedKafka(server, port);
    } catch (Exception e) {
      throw new IllegalStateException("embedded Kafka did not start in " + dir + ": " + e.getMessage(), e);
    }
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
  }
}
