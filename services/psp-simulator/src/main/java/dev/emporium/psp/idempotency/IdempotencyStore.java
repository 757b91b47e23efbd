package dev.emporium.psp.idempotency;

import dev.emporium.psp.PspProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Remembers the first response given to each idempotency key, with the request it answered, so
 * that a retry gets the same answer and a different request under the same key is refused.
 *
 * <p>Bounded two ways: a key is forgotten {@code ttl} after its first use, and at most
 * {@code maxKeys} are kept, the oldest forgotten first (insertion order, not access order: a key
 * does not live longer for being retried). Only outcomes are remembered; a request rejected with an
 * error (a 400, 404, 422 or an injected failure) leaves the key unused, so the client may correct
 * it and retry. One lock makes a key's check, the action and the store atomic: two concurrent
 * requests with one key cannot both act.
 */
@Component
public class IdempotencyStore {

  /** What {@link #execute} answers: the response, and whether it was a replay of an earlier one. */
  public record Outcome(StoredResponse response, boolean replayed) {}

  private record Remembered(Object request, StoredResponse response, Instant storedAt) {}

  private final Map<String, Remembered> entries;
  private final Duration ttl;
  private final Clock clock;
  private final Counter replays;

  @Autowired
  public IdempotencyStore(PspProperties properties, MeterRegistry meters) {
    this(properties.idempotency().ttl(), properties.idempotency().maxKeys(), Clock.systemUTC(), meters);
  }

  public IdempotencyStore(Duration ttl, int maxKeys, Clock clock) {
    this(ttl, maxKeys, clock, new SimpleMeterRegistry());
  }

  private IdempotencyStore(Duration ttl, int maxKeys, Clock clock, MeterRegistry meters) {
    this.ttl = ttl;
    this.clock = clock;
    this.entries = new LinkedHashMap<>(16, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Remembered> eldest) {
        return size() > maxKeys;
      }
    };
    this.replays = Counter.builder("psp.idempotent.replays")
        .description("Requests answered from an idempotency key's first response").register(meters);
    Gauge.builder("psp.idempotency.keys", this, IdempotencyStore::size)
        .description("Idempotency keys remembered (bounded by emporium.psp.idempotency.max-keys)").register(meters);
  }

  /**
   * Answers {@code request} under {@code key}: the remembered response when the key was used with
   * an equal request, otherwise {@code action}'s response, remembered if it returns normally.
   *
   * @param request the request's content, compared with {@code equals} (a record of the body)
   * @throws IdempotencyConflictException when the key was used with a different request
   */
  public Outcome execute(String key, Object request, Supplier<StoredResponse> action) {
    synchronized (entries) {
      Instant now = clock.instant();
      forgetExpired(now);
      Remembered entry = entries.get(key);
      if (entry != null) {
        if (!entry.request().equals(request)) {
          throw new IdempotencyConflictException(key);
        }
        replays.increment();
        return new Outcome(entry.response(), true);
      }
      StoredResponse response = action.get();
      entries.put(key, new Remembered(request, response, now));
      return new Outcome(response, false);
    }
  }

  public int size() {
    synchronized (entries) {
      return entries.size();
    }
  }

  /** Entries are in insertion order, so the expired ones are at the head. */
  private void forgetExpired(Instant now) {
    Instant oldestKept = now.minus(ttl);
    Iterator<Remembered> iterator = entries.values().iterator();
    while (iterator.hasNext()) {
      if (iterator.next().storedAt().isAfter(oldestKept)) {
        return;
      }
      iterator.remove();
    }
  }
}
