package dev.emporium.platform.events.sample;

import dev.emporium.platform.events.envelope.IncomingEvent;
import dev.emporium.platform.events.inbox.Inbox;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** The consuming side: an idempotent effect per event, through the inbox. */
@Component
public class SampleConsumer {

  public record Effect(String eventId, String orderId, int sequence) {}

  /** The span a delivery was handled in: its trace, and the span it is a child of. */
  public record HandlingSpan(String traceId, String parentId) {}

  private final Inbox inbox;
  private final JdbcClient jdbc;
  private final AtomicInteger attempts = new AtomicInteger();
  private final Map<String, AtomicInteger> attemptsByKey = new ConcurrentHashMap<>();
  private final Map<String, HandlingSpan> spans = new ConcurrentHashMap<>();
  private final Tracer tracer;
  private volatile String poisonOrderId = "";

  SampleConsumer(Inbox inbox, JdbcClient jdbc, Tracer tracer) {
    this.inbox = inbox;
    this.jdbc = jdbc;
    this.tracer = tracer;
  }

  @KafkaListener(topics = "${sample.topic}", groupId = "${sample.group}")
  void on(ConsumerRecord<String, byte[]> record) {
    attempts.incrementAndGet();
    attemptsByKey.computeIfAbsent(String.valueOf(record.key()), key -> new AtomicInteger()).incrementAndGet();
    Span span = tracer.currentSpan();
    if (span != null) {
      spans.put(String.valueOf(record.key()), new HandlingSpan(span.context().traceId(), span.context().parentId()));
    }
    inbox.process("sample-consumer", record, this::apply);
  }

  private void apply(IncomingEvent event) {
    OrderPlaced order = event.data(OrderPlaced.class);
    jdbc.sql("INSERT INTO sample_effects (event_id, order_id, sequence) VALUES (:e, :o, :s)")
        .param("e", event.id()).param("o", order.orderId()).param("s", order.sequence()).update();
    if (order.orderId().equals(poisonOrderId)) {
      throw new IllegalStateException("cannot handle " + order.orderId());
    }
  }

  /** Every event of this order fails in its handler (after its effect, which is rolled back). */
  public void poison(String orderId) {
    poisonOrderId = orderId;
  }

  /** Deliveries of records to the listener, duplicates and retries included. */
  public int attempts() {
    return attempts.get();
  }

  public int attempts(String key) {
    AtomicInteger count = attemptsByKey.get(key);
    return count == null ? 0 : count.get();
  }

  /** The span the last delivery of {@code key} was handled in, or null. */
  public HandlingSpan handlingSpan(String key) {
    return spans.get(key);
  }

  public List<Effect> effects() {
    return jdbc.sql("SELECT event_id, order_id, sequence FROM sample_effects ORDER BY id")
        .query((rs, n) -> new Effect(rs.getString(1), rs.getString(2), rs.getInt(3))).list();
  }
}
