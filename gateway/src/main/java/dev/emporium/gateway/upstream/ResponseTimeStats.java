package dev.emporium.gateway.upstream;

/**
 * Peak-sensitive exponentially weighted moving average of response times (as in Finagle and
 * Linkerd): a slower sample is taken at once, a faster one only gradually, so an endpoint that has
 * just been slow is avoided until it proves itself again. Between samples the average decays
 * towards zero when read with {@link #decayedNanos}, so an endpoint that was once slow and then got
 * no traffic is tried again after a while instead of being shunned forever.
 *
 * <p>Nothing here locks: every event loop records into the same endpoint on every response, and a
 * lock held by a thread the OS has just descheduled would stall the other event loops for a time
 * slice. Two simultaneous samples may lose one to the other, and a read may see one field of an
 * update before the other; an average of many samples shrugs both off.
 */
public final class ResponseTimeStats {

  private volatile long ewmaNanos;
  private volatile long lastUpdateNanos;
  private volatile boolean hasData;

  public void record(long sampleNanos, long nowNanos, long decayNanos) {
    if (!hasData || sampleNanos > ewmaNanos) {
      ewmaNanos = sampleNanos;
    } else {
      double elapsed = Math.max(0, nowNanos - lastUpdateNanos);
      double w = Math.exp(-elapsed / decayNanos);
      ewmaNanos = (long) (ewmaNanos * w + sampleNanos * (1 - w));
    }
    lastUpdateNanos = nowNanos;
    hasData = true;
  }

  /** Whether any response time has been recorded. */
  public boolean hasData() {
    return hasData;
  }

  /** The average as of the last sample, or 0 when nothing has been recorded yet. */
  public long ewmaNanos() {
    return ewmaNanos;
  }

  /** The average decayed for the time since the last sample, as if a zero sample arrived now. */
  public double decayedNanos(long nowNanos, long decayNanos) {
    long ewma = ewmaNanos;
    double elapsed = Math.max(0, nowNanos - lastUpdateNanos);
    return ewma * Math.exp(-elapsed / decayNanos);
  }
}
