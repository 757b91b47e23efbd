package dev.emporium.platform.testing;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One in-process Kafka broker (KRaft, no ZooKeeper) per test JVM, started on first use and stopped
 * when the JVM exits. Starting a broker costs seconds, so test classes share it and isolate
 * themselves by topic: {@link #newTopic} gives each test its own, uniquely named, topic.
 */
public final class InProcessKafka {

  /** The platform's default partition count (docs/events.md): tests see the same ordering rules. */
  public static final int PARTITIONS = 3;

  private static volatile InProcessKafka shared;

  private final EmbeddedKafkaKraftBroker broker;

  private InProcessKafka(EmbeddedKafkaKraftBroker broker) {
    this.broker = broker;
  }

  /** The JVM's broker, started if this is the first call. */
  public static InProcessKafka shared() {
    InProcessKafka kafka = shared;
    if (kafka == null) {
      synchronized (InProcessKafka.class) {
        kafka = shared;
        if (kafka == null) {
          EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, PARTITIONS);
          broker.brokerProperty("auto.create.topics.enable", "true");
          broker.brokerProperty("num.partitions", String.valueOf(PARTITIONS));
          broker.afterPropertiesSet();
          AfterSpringShutdown.register("stop-in-process-kafka", broker::destroy);
          kafka = new InProcessKafka(broker);
          shared = kafka;
        }
      }
    }
    return kafka;
  }

  public String bootstrapServers() {
    return broker.getBrokersAsString();
  }

  /** Creates {@code <base>-<random>} with {@value #PARTITIONS} partitions and returns its name. */
  public String newTopic(String base) {
    return newTopic(base, PARTITIONS);
  }

  public String newTopic(String base, int partitions) {
    String name = uniqueName(base);
    broker.addTopics(new NewTopic(name, partitions, (short) 1));
    return name;
  }

  /** A name no other test uses, for topics a test lets the application create, or consumer groups. */
  public static String uniqueName(String base) {
    return base.toLowerCase(Locale.ROOT) + "-" + Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36);
  }

  /** Points Spring Boot's Kafka client settings at this broker. */
  public void registerBootstrapServers(DynamicPropertyRegistry registry) {
    registry.add("spring.kafka.bootstrap-servers", this::bootstrapServers);
  }

  /** A consumer reading {@code topic} from the beginning, in a group of its own. */
  public TopicReader reader(String topic) {
    Properties config = new Properties();
    config.putAll(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));
    var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    return new TopicReader(consumer, topic, Duration.ofSeconds(15));
  }

  /** A producer of raw records, for tests that play another service or a misbehaving one. */
  public KafkaProducer<String, byte[]> producer() {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
  }
}
