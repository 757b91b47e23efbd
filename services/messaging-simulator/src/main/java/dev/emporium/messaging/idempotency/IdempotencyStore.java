package dev.emporium.messaging.idempotency;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Remembers the first response given to each idempotency key of one channel, with the request it
 * answered, so that a retry gets the same answer (and delivers nothing new) and a different request
 * under the same key is refused.
 *
 * <p>Bounded two ways: a key is forgotten {@code ttl} after its first use, and at most
 * {@code maxKeys} are kept, the oldest forgotten first (insertion order: a key does not live longer
 * for being retried). Only deliveries are remembered; a request rejected with an error (a 400 or an
 * injected failure) leaves the key unused, so the client may retry it. One lock makes a key's check,
 * the delivery and the store atomic: two concurrent requests with one key deliver once.
 */
public final class IdempotencyStore {

  /** What {@link #execute} answers: the response, and whether it was a replay of an earlier one. */
  public record Outcome(StoredResponse response, boolean replayed) {}

  private record Remembered(Object request, StoredResponse response, Instant storedAt) {}

  private final Map<String, Remembered> entries;
  private final Duration ttl;
  private final Clock clock;

  public IdempotencyStore(Duration ttl, int maxKeys, Clock clock) {
    this.ttl = ttl;
    this.clock = clock;
    this.entries = new LinkedHashMap<>(16, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Remembered> eldest) {
        return size() > maxKeys;
      }
    };
  }

  /**
   * Answers {@code request} under {@code key}: the remembered response when the key was used with
   * an equal request, otherwise {@code action}'s response, remembered if it returns normally.
   *
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
