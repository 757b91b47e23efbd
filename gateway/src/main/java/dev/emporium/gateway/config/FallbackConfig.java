package dev.emporium.gateway.config;

import java.util.List;

/**
 * A fixed response sent instead of the gateway's own error when no upstream answer can be had.
 *
 * @param status status code of the fallback response
 * @param contentType its Content-Type
 * @param body its body
 * @param on which failures it replaces: {@code unavailable} (503: no endpoint, open breaker, full
 *     bulkhead), {@code bad-gateway} (502) and {@code timeout} (504); default all three
 */
public record FallbackConfig(Integer status, String contentType, String body, List<String> on) {

  public static final List<String> ALL_FAILURES = List.of("unavailable", "bad-gateway", "timeout");

  public FallbackConfig {
    status = status == null ? 200 : status;
    contentType = contentType == null ? "application/json" : contentType;
    body = body == null ? "" : body;
    on = on == null || on.isEmpty() ? ALL_FAILURES : List.copyOf(on);
  }
}
