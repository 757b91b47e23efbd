package dev.emporium.platform.events.inbox;

import dev.emporium.platform.events.envelope.CloudEventCodec;
import dev.emporium.platform.events.envelope.IncomingEvent;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The idempotent consumer: runs a handler's effect at most once per event and consumer, however
 * often Kafka delivers the event. The event's id is recorded in {@code event_inbox} in the same
 * transaction as the effect, so either both happen or neither does: a crash before the commit leaves
 * no trace (the redelivery does the work), a crash after it leaves the id (the redelivery is skipped).
 *
 * <pre>{@code
 * @KafkaListener(topics = "${emporium.payment.topics.orders}", groupId = "payment")
 * void on(ConsumerRecord<String, byte[]> record) {
 *   inbox.process("payment.charge-order", record, event -> payments.charge(event.data(OrderCreated.class)));
 * }
 * }</pre>
 *
 * An exception from the effect rolls the transaction back and propagates, so the listener
 * container retries the record and, after the configured retries, sends it to the dead-letter topic.
 */
public class Inbox {

  private static final Logger log = LoggerFactory.getLogger(Inbox.class);

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final CloudEventCodec codec;

  public Inbox(JdbcClient jdbc, TransactionTemplate transactions, CloudEventCodec codec) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.codec = codec;
  }

  /** Decodes {@code record} as a CloudEvent and {@link #process(String, IncomingEvent, Consumer) processes} it. */
  public boolean process(String consumer, ConsumerRecord<String, byte[]> record, Consumer<IncomingEvent> effect) {
    return process(consumer, codec.read(record), effect);
  }

  /**
   * Runs {@code effect} in a transaction that also records ({@code consumer}, source, id).
   *
   * @param consumer a stable name for this handler (several handlers may consume one event)
   * @return true if the effect ran, false if this consumer had already processed the event
   */
  public boolean process(String consumer, IncomingEvent event, Consumer<IncomingEvent> effect) {
    Boolean ran = transactions.execute(status -> {
      int inserted = jdbc.sql("""
          INSERT INTO event_inbox (consumer, source, event_id, event_type, topic, kafka_partition, kafka_offset)
          VALUES (:consumer, :source, :id, :type, :topic, :partition, :offset)
          ON CONFLICT DO NOTHING
          """)
          .param("consumer", consumer).param("source", event.source().toString()).param("id", event.id())
          .param("type", event.type()).param("topic", event.topic()).param("partition", event.partition())
          .param("offset", event.offset())
          .update();
      if (inserted == 0) {
        log.debug("{} already processed by {}; skipped", event, consumer);
        return false;
      }
      effect.accept(event);
      return true;
    });
    return Boolean.TRUE.equals(ran);
  }
}
