package dev.emporium.gateway.upstream;

/**
 * Peak-sensitive exponentially weighted moving average of response times (as in Finagle and
 * Linkerd): a slower sample is taken at once, a faster one only gradually, so an endpoint that has
 * just been slow is avoided until it proves itself again.
 */
public final class ResponseTimeStats {

  private long ewmaNanos;
  private long lastUpdateNanos;

  public synchronized void record(long sampleNanos, long nowNanos, long decayNanos) {
    if (lastUpdateNanos == 0 || sampleNanos > ewmaNanos) {
      ewmaNanos = sampleNanos;
    } else {
      double elapsed = Math.max(0, nowNanos - lastUpdateNanos);
      double w = Math.exp(-elapsed / decayNanos);
      ewmaNanos = (long) (ewmaNanos * w + sampleNanos * (1 - w));
    }
    lastUpdateNanos = nowNanos;
  }

  /** The current average, or 0 when nothing has been recorded yet. */
  public synchronized long ewmaNanos() {
    return ewmaNanos;
  }
}
