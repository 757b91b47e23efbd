package dev.emporium.gateway.config;

/**
 * The JSON access log, one line per request, written off the event loop.
 *
 * @param enabled whether to write it
 * @param output {@code stdout}, {@code stderr} or a file path
 * @param queueSize lines buffered for the writer; beyond it lines are dropped and counted
 * @param passport when to include the request's timeline: {@code never}, {@code errors} (5xx,
 *     client gone, retried or fallback) or {@code always}
 */
public record AccessLogConfig(Boolean enabled, String output, Integer queueSize, String passport) {

  public static final AccessLogConfig DEFAULTS = new AccessLogConfig(null, null, null, null);

  public AccessLogConfig {
    enabled = enabled == null ? Boolean.TRUE : enabled;
    output = output == null ? "stdout" : output;
    queueSize = queueSize == null ? 65_536 : queueSize;
    passport = passport == null ? "errors" : passport;
  }
}
