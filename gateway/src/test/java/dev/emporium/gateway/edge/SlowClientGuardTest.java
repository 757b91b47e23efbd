package dev.emporium.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SlowClientGuardTest {

  private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();
  private final AtomicInteger closes = new AtomicInteger();

  @AfterEach
  void stop() {
    loop.shutdownNow();
  }

  private SlowClientGuard guard() {
    return new SlowClientGuard(loop, 100, closes::incrementAndGet);
  }

  private void onLoop(Runnable action) throws Exception {
    loop.submit(action).get(1, TimeUnit.SECONDS);
  }

  @Test
  void closesWhenTheFirstHeadIsLate() throws Exception {
    SlowClientGuard guard = guard();
    onLoop(guard::connected);
    Thread.sleep(250);
    assertThat(closes).hasValue(1);
  }

  @Test
  void leavesAConnectionWhoseHeadCameInTime() throws Exception {
    SlowClientGuard guard = guard();
    onLoop(guard::connected);
    onLoop(guard::headComplete);
    Thread.sleep(250);
    assertThat(closes).hasValue(0);
  }

  @Test
  void keepsTheDeadlineFromAcceptWhenTheFirstByteComesLater() throws Exception {
    SlowClientGuard guard = guard();
    onLoop(guard::connected);
    Thread.sleep(60);
    onLoop(guard::headStarted);
    Thread.sleep(70);
    // 130 ms after accept: the clock from accept has run out although the head began 70 ms ago.
    Thread.sleep(50);
    assertThat(closes).hasValue(1);
  }

  @Test
  void waitsForTheNextHeadWithoutAClock() throws Exception {
    SlowClientGuard guard = guard();
    onLoop(guard::connected);
    onLoop(guard::headComplete);
    Thread.sleep(200);
    onLoop(guard::headStarted);
    Thread.sleep(250);
    assertThat(closes).hasValue(1);
  }

  @Test
  void forgetsAClosedConnection() throws Exception {
    SlowClientGuard guard = guard();
    onLoop(guard::connected);
    onLoop(guard::closed);
    onLoop(guard::headStarted);
    Thread.sleep(250);
    assertThat(closes).hasValue(0);
  }
}
