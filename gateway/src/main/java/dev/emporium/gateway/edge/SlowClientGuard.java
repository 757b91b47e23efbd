package dev.emporium.gateway.edge;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpVersion;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Closes HTTP/1.x connections whose client takes longer than {@code headerReadTimeout} to send a
 * complete request head, the defence against slowloris: a trickle of header bytes keeps a
 * connection from ever being idle, so the idle timeout alone cannot catch it. The clock runs from
 * accept and again from the end of each response until the next request head is complete.
 *
 * <p>One guard per event loop; all its methods run on that loop.
 */
public final class SlowClientGuard {

  private final Vertx vertx;
  private final long timeoutMs;
  private final Map<HttpConnection, Long> timers = new IdentityHashMap<>();

  public SlowClientGuard(Vertx vertx, long timeoutMs) {
    this.vertx = vertx;
    this.timeoutMs = timeoutMs;
  }

  public void connected(HttpConnection connection) {
    if (connection.protocolVersion() == HttpVersion.HTTP_2) return;
    arm(connection);
  }

  /** The connection closed: forget it. */
  public void closed(HttpConnection connection) {
    Long timer = timers.remove(connection);
    if (timer != null) vertx.cancelTimer(timer);
  }

  /** A request head is complete: stop the clock until its response is done. */
  public void headReceived(HttpConnection connection) {
    Long timer = timers.remove(connection);
    if (timer != null) vertx.cancelTimer(timer);
  }

  /** A response is done: the client has {@code timeout} for its next request head. */
  public void responseDone(HttpConnection connection) {
    if (connection.protocolVersion() == HttpVersion.HTTP_2) return;
    arm(connection);
  }

  private void arm(HttpConnection connection) {
    Long previous = timers.put(connection, vertx.setTimer(timeoutMs, id -> {
      if (timers.remove(connection) != null) connection.close();
    }));
    if (previous != null) vertx.cancelTimer(previous);
  }
}
