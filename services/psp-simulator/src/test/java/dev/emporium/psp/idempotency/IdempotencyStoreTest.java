package dev.emporium.psp.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class IdempotencyStoreTest {

  final MutableClock clock = new MutableClock();
  final AtomicInteger actions = new AtomicInteger();

  StoredResponse act() {
    return new StoredResponse(201, "response " + actions.incrementAndGet(), null);
  }

  @Test
  void answersARetryWithTheFirstResponseWithoutActingAgain() {
    IdempotencyStore store = new IdempotencyStore(Duration.ofHours(1), 10, clock);

    IdempotencyStore.Outcome first = store.execute("k", "request", this::act);
    IdempotencyStore.Outcome retry = store.execute("k", "request", this::act);

    assertThat(first.replayed()).isFalse();
    assertThat(retry.replayed()).isTrue();
    assertThat(retry.response()).isEqualTo(first.response());
    assertThat(actions).hasValue(1);
  }

  @Test
  void refusesTheKeyForADifferentRequest() {
    IdempotencyStore store = new IdempotencyStore(Duration.ofHours(1), 10, clock);
    store.execute("k", "request", this::act);

    assertThatThrownBy(() -> store.execute("k", "another request", this::act))
        .isInstanceOf(IdempotencyConflictException.class).hasMessageContaining("'k'");
    assertThat(actions).hasValue(1);
  }

  @Test
  void forgetsTheOldestKeyPastItsBoundEvenWhenRetried() {
    IdempotencyStore store = new IdempotencyStore(Duration.ofHours(1), 2, clock);
    store.execute("a", "request", this::act);
    store.execute("b", "request", this::act);
    store.execute("a", "request", this::act);
    store.execute("c", "request", this::act);

    assertThat(store.size()).isEqualTo(2);
    assertThat(store.execute("a", "request", this::act).replayed()).isFalse();
    assertThat(actions).hasValue(4);
  }

  @Test
  void forgetsAKeyAfterItsTimeToLive() {
    IdempotencyStore store = new IdempotencyStore(Duration.ofMinutes(10), 10, clock);
    store.execute("k", "request", this::act);

    clock.advance(Duration.ofMinutes(9));
    assertThat(store.execute("k", "request", this::act).replayed()).isTrue();
    clock.advance(Duration.ofMinutes(1));
    IdempotencyStore.Outcome later = store.execute("k", "another request", this::act);

    assertThat(later.replayed()).isFalse();
    assertThat(later.response().body()).isEqualTo("response 2");
  }

  @Test
  void doesNotRememberAKeyWhoseActionFailed() {
    IdempotencyStore store = new IdempotencyStore(Duration.ofHours(1), 10, clock);

    assertThatThrownBy(() -> store.execute("k", "bad request", () -> {
      throw new IllegalArgumentException("rejected");
    })).hasMessage("rejected");

    assertThat(store.execute("k", "corrected request", this::act).replayed()).isFalse();
    assertThat(store.size()).isEqualTo(1);
  }
}
