package dev.emporium.platform.events.outbox;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** SQL of the outbox table ({@code event_outbox}, created by db/migration/platform-events). */
class OutboxRepository {

  private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {};

  /**
   * Locks the oldest due row of up to {@code :aggregates} aggregates (skipping rows another relay
   * holds) and returns those rows and the pending rows after them. A row is a head only when no
   * older row of its aggregate is pending, so the lock on the head is a lock on the aggregate: two
   * relays never publish one aggregate's events concurrently, and so never out of order.
   */
  private static final String CLAIM = """
      WITH heads AS (
        SELECT o.id, o.topic, o.aggregate_id
        FROM event_outbox o
        WHERE o.published_at IS NULL AND o.next_attempt_at <= now()
          AND NOT EXISTS (SELECT 1 FROM event_outbox e
                          WHERE e.published_at IS NULL AND e.topic = o.topic
                            AND e.aggregate_id = o.aggregate_id AND e.id < o.id)
        ORDER BY o.id
        LIMIT :aggregates
        FOR UPDATE SKIP LOCKED)
      SELECT r.id, r.event_id, r.topic, r.aggregate_id, r.event_type, r.occurred_at, r.payload::text AS payload,
             r.headers::text AS headers, r.attempts
      FROM event_outbox r JOIN heads h ON r.topic = h.topic AND r.aggregate_id = h.aggregate_id AND r.id >= h.id
      WHERE r.published_at IS NULL
      ORDER BY r.id
      LIMIT :rows
      """;

  private final JdbcClient jdbc;
  private final JsonMapper mapper;

  OutboxRepository(JdbcClient jdbc, JsonMapper mapper) {
    this.jdbc = jdbc;
    this.mapper = mapper;
  }

  void insert(UUID eventId, String topic, String aggregateId, String eventType, OffsetDateTime occurredAt,
      String payload, Map<String, String> headers) {
    jdbc.sql("""
        INSERT INTO event_outbox (event_id, topic, aggregate_id, event_type, occurred_at, payload, headers)
        VALUES (:eventId, :topic, :aggregateId, :eventType, :occurredAt, CAST(:payload AS jsonb), CAST(:headers AS jsonb))
        """)
        .param("eventId", eventId).param("topic", topic).param("aggregateId", aggregateId)
        .param("eventType", eventType).param("occurredAt", occurredAt).param("payload", payload)
        .param("headers", mapper.writeValueAsString(headers))
        .update();
  }

  /** Must run in a transaction: the locks last until it ends. */
  List<OutboxRow> claim(int maxRows) {
    return jdbc.sql(CLAIM).param("aggregates", maxRows).param("rows", maxRows)
        .query((rs, n) -> new OutboxRow(rs.getLong("id"), rs.getObject("event_id", UUID.class), rs.getString("topic"),
            rs.getString("aggregate_id"), rs.getString("event_type"),
            rs.getObject("occurred_at", OffsetDateTime.class), rs.getString("payload"),
            mapper.readValue(rs.getString("headers"), HEADERS), rs.getInt("attempts")))
        .list();
  }

  void markPublished(Collection<Long> ids) {
    if (!ids.isEmpty()) {
      jdbc.sql("UPDATE event_outbox SET published_at = now(), last_error = NULL WHERE id IN (:ids)")
          .param("ids", ids).update();
    }
  }

  void markFailed(long id, Duration retryAfter, String error) {
    jdbc.sql("""
        UPDATE event_outbox SET attempts = attempts + 1, last_error = :error,
               next_attempt_at = now() + make_interval(secs => :delay)
        WHERE id = :id
        """)
        .param("id", id).param("delay", retryAfter.toMillis() / 1000.0)
        .param("error", error.length() > 1000 ? error.substring(0, 1000) : error)
        .update();
  }

  long countPending() {
    return jdbc.sql("SELECT count(*) FROM event_outbox WHERE published_at IS NULL").query(Long.class).single();
  }

  /** Pending rows of aggregates whose id starts with {@code prefix} (for tests and diagnostics). */
  long countPendingWithPrefix(String aggregatePrefix) {
    return jdbc.sql("SELECT count(*) FROM event_outbox WHERE published_at IS NULL AND aggregate_id LIKE :prefix || '%'")
        .param("prefix", aggregatePrefix).query(Long.class).single();
  }

  int deletePublishedBefore(Duration age) {
    return jdbc.sql("DELETE FROM event_outbox WHERE published_at < now() - make_interval(secs => :age)")
        .param("age", (double) age.toSeconds()).update();
  }
}
