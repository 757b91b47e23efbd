package dev.emporium.gateway.observe;

/**
 * A request's timeline: each step (matched, endpoint picked, attempt failed, retried) with the time
 * it happened. Recording is two stores into arrays; rendering happens only when a log line wants
 * it, so a request that goes well pays almost nothing.
 */
public final class Passport {

  private final long startNanos;
  private String[] events = new String[8];
  private Object[] details = new Object[8];
  private long[] at = new long[8];
  private int size;

  public Passport(long startNanos) {
    this.startNanos = startNanos;
  }

  public void mark(String event, Object detail) {
    if (size == events.length) {
      events = java.util.Arrays.copyOf(events, size * 2);
      details = java.util.Arrays.copyOf(details, size * 2);
      at = java.util.Arrays.copyOf(at, size * 2);
    }
    events[size] = event;
    details[size] = detail;
    at[size] = System.nanoTime();
    size++;
  }

  public int size() {
    return size;
  }

  /** E.g. {@code 0.02ms matched orders; 0.05ms picked 10.0.0.7:8080; 3.10ms attempt-failed reset}. */
  public String render() {
    StringBuilder sb = new StringBuilder(size * 32);
    for (int i = 0; i < size; i++) {
      if (i > 0) sb.append("; ");
      long micros = (at[i] - startNanos) / 1_000;
      sb.append(micros / 1000).append('.').append(String.format("%02d", (micros % 1000) / 10)).append("ms ").append(events[i]);
      if (details[i] != null) sb.append(' ').append(details[i]);
    }
    return sb.toString();
  }
}
