package dev.emporium.platform.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/** Reads what a test expects to find on a topic, waiting a bounded time for it. */
public final class TopicReader implements AutoCloseable {

  private final KafkaConsumer<String, byte[]> consumer;
  private final Duration timeout;
  private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

  TopicReader(KafkaConsumer<String, byte[]> consumer, String topic, Duration timeout) {
    this.consumer = consumer;
    this.timeout = timeout;
    consumer.subscribe(List.of(topic));
  }

  /**
   * Every record read so far once at least {@code count} have arrived.
   *
   * @throws AssertionError when fewer arrive within the timeout (15 s)
   */
  public List<ConsumerRecord<String, byte[]>> awaitAtLeast(int count) {
    return awaitUntil(records -> records.size() >= count, "at least " + count + " records");
  }

  /** Every record read so far once {@code done} holds for them. */
  public List<ConsumerRecord<String, byte[]>> awaitUntil(Predicate<List<ConsumerRecord<String, byte[]>>> done,
      String description) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.test(seen)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("waited " + timeout.toSeconds() + " s for " + description + " on "
            + consumer.subscription() + "; saw " + seen.size());
      }
      consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
    }
    return List.copyOf(seen);
  }

  /** Everything that arrives within {@code quiet}: to check that nothing more (or nothing at all) comes. */
  public List<ConsumerRecord<String, byte[]>> drain(Duration quiet) {
    long deadline = System.nanoTime() + quiet.toNanos();
    while (System.nanoTime() < deadline) {
      consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
    }
    return List.copyOf(seen);
  }

  @Override
  public void close() {
    consumer.close();
  }
}
