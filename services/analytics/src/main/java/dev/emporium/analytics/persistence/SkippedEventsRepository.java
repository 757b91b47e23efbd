package dev.emporium.analytics.persistence;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code skipped_events}: how many events of each unknown type arrived on each topic. */
@Repository
public class SkippedEventsRepository {

  private final JdbcClient jdbc;

  public SkippedEventsRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void count(String topic, String type, Instant at) {
    jdbc.sql("""
        INSERT INTO skipped_events (topic, event_type, events, first_seen, last_seen) VALUES (:topic, :type, 1, :at, :at)
        ON CONFLICT (topic, event_type) DO UPDATE
          SET events = skipped_events.events + 1, last_seen = greatest(skipped_events.last_seen, EXCLUDED.last_seen)
        """).param("topic", topic).param("type", type).param("at", Timestamp.from(at)).update();
  }

  public List<Skipped> all() {
    return jdbc.sql("SELECT topic, event_type, events, first_seen, last_seen FROM skipped_events ORDER BY topic, event_type")
        .query((rs, n) -> new Skipped(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getTimestamp(4).toInstant(),
            rs.getTimestamp(5).toInstant())).list();
  }

  public record Skipped(String topic, String type, long events, Instant firstSeen, Instant lastSeen) {}
}
