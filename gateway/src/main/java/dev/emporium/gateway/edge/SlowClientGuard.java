package dev.emporium.gateway.edge;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes an HTTP/1.x connection whose client takes longer than {@code headerReadTimeout} to send a
 * complete request head: the defence against slowloris, where a trickle of header bytes keeps a
 * connection from ever being idle, so the idle timeout alone cannot catch it.
 *
 * <p>The clock runs from accept until the first head is complete, and for each later request
 * from its first byte until its head is complete. A keep-alive connection waiting for its next
 * request is left to the idle timeout, and a slow upstream never counts against the client.
 *
 * <p>One guard per connection; all its methods run on the connection's event loop, which is
 * also the {@code scheduler}.
 */
public final class SlowClientGuard {

  private final ScheduledExecutorService scheduler;
  private final long timeoutMs;
  private final Runnable close;
  private ScheduledFuture<?> timer;
  private boolean closed;

  /**
   * @param scheduler the connection's event loop
   * @param close closes the connection
   */
  public SlowClientGuard(ScheduledExecutorService scheduler, long timeoutMs, Runnable close) {
    this.scheduler = scheduler;
    this.timeoutMs = timeoutMs;
    this.close = close;
  }

  /** The connection is accepted: its first head is due within the timeout. */
  public void connected() {
    headStarted();
  }

  /** A request head began to arrive; a clock already running (since accept) keeps its deadline. */
  public void headStarted() {
    if (timer != null || closed) return;
    timer = scheduler.schedule(() -> {
      timer = null;
      closed = true;
      close.run();
    }, timeoutMs, TimeUnit.MILLISECONDS);
  }

  /** A request head is complete: stop the clock. */
  public void headComplete() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }

  /** The connection closed: forget it. */
  public void closed() {
    closed = true;
    headComplete();
  }
}
