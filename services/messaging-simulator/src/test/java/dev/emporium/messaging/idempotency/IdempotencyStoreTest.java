package dev.emporium.messaging.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class IdempotencyStoreTest {

  final AtomicInteger deliveries = new AtomicInteger();

  StoredResponse deliver() {
    return new StoredResponse(201, "delivery " + deliveries.incrementAndGet());
  }

  @Test
  void aRepeatedKeyAnswersTheFirstResponseAndDeliversNothingNew() {
    IdempotencyStore store = new IdempotencyStore(Duration.ofHours(1), 10, Clock.systemUTC());

    IdempotencyStore.Outcome first = store.execute("k", "body", this::deliver);
    IdempotencyStore.Outcome again = store.execute("k", "body", this::deliver);

    assertThat(first.replayed()).isFalse();
    assertThat(again.replayed()).isTrue();
    assertThat(again.response()).isEqualTo(first.response());
    assertThat(deliveries).hasValue(1);
  }

  @Test
  void theSameKeyWithAnotherRequestIsAConflict() {
    IdempotencyStore store = new IdempotencyStore(Duration.ofHours(1), 10, Clock.systemUTC());
    store.execute("k", "body", this::deliver);

    assertThatThrownBy(() -> store.execute("k", "other body", this::deliver))
        .isInstanceOf(IdempotencyConflictException.class);
    assertThat(deliveries).hasValue(1);
  }

  @Test
  void aFailedDeliveryLeavesTheKeyUnused() {
    IdempotencyStore store = new IdempotencyStore(Duration.ofHours(1), 10, Clock.systemUTC());
    assertThatThrownBy(() -> store.execute("k", "body", () -> {
      throw new IllegalStateException("provider down");
    })).isInstanceOf(IllegalStateException.class);

    assertThat(store.execute("k", "body", this::deliver).replayed()).isFalse();
  }

  @Test
  void forgetsTheOldestPastMaxKeysAndEveryKeyAfterItsTtl() {
    Instant start = Instant.parse("2026-12-01T10:00:00Z");
    Instant[] now = {start};
    Clock clock = new Clock() {
      @Override
      public ZoneOffset getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return now[0];
      }
    };
    IdempotencyStore store = new IdempotencyStore(Duration.ofMinutes(10), 2, clock);
    store.execute("a", "x", this::deliver);
    store.execute("b", "x", this::deliver);
    store.execute("c", "x", this::deliver);
    assertThat(store.size()).isEqualTo(2);
    assertThat(store.execute("a", "x", this::deliver).replayed()).as("a was the oldest").isFalse();

    now[0] = start.plus(Duration.ofMinutes(11));
    assertThat(store.execute("c", "x", this::deliver).replayed()).as("c expired").isFalse();
    assertThat(store.size()).isEqualTo(1);
  }
}
