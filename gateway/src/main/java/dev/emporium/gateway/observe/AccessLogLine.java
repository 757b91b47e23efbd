package dev.emporium.gateway.observe;

import dev.emporium.gateway.problem.JsonText;
import java.time.Instant;

/** Builds one JSON access log line; fields that are null are left out. */
public final class AccessLogLine {

  private final StringBuilder sb = new StringBuilder(384);

  public AccessLogLine(long epochMillis) {
    sb.append("{\"time\":\"").append(Instant.ofEpochMilli(epochMillis)).append('"');
  }

  public AccessLogLine field(String name, String value) {
    if (value == null) return this;
    sb.append(",\"").append(name).append("\":");
    JsonText.quote(sb, value);
    return this;
  }

  public AccessLogLine field(String name, long value) {
    sb.append(",\"").append(name).append("\":").append(value);
    return this;
  }

  public AccessLogLine millis(String name, long nanos) {
    sb.append(",\"").append(name).append("\":");
    long micros = nanos / 1_000;
    sb.append(micros / 1000).append('.');
    long fraction = micros % 1000;
    if (fraction < 100) sb.append('0');
    if (fraction < 10) sb.append('0');
    sb.append(fraction);
    return this;
  }

  public String end() {
    return sb.append('}').toString();
  }
}
