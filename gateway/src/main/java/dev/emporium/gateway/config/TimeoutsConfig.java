package dev.emporium.gateway.config;

import java.time.Duration;

/**
 * Per-attempt timeouts towards an upstream.
 *
 * @param connect time to open a connection
 * @param request time from sending a request until the response head arrives (spec: 5 s)
 * @param idle time without a byte in either direction while a body streams
 */
public record TimeoutsConfig(Duration connect, Duration request, Duration idle) {

  public static final TimeoutsConfig DEFAULTS = new TimeoutsConfig(null, null, null);

  public TimeoutsConfig {
    connect = connect == null ? Duration.ofSeconds(2) : connect;
    request = request == null ? Duration.ofSeconds(5) : request;
    idle = idle == null ? Duration.ofSeconds(60) : idle;
  }
}
