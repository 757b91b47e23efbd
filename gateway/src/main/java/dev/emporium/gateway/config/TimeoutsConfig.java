package dev.emporium.gateway.config;

import java.time.Duration;

/**
 * Per-attempt timeouts towards an upstream.
 *
 * @param connect time to open a connection (waiting for a pooled one included); past it, 504
 * @param request time from the moment the whole request has been sent until the response head
 *     arrives (spec: 5 s); a client's upload time never counts against it; past it, 504
 * @param idle while a body streams: time the upstream may stop reading the request body, or stop
 *     sending the response body; past it the attempt fails (504 before the head, a cut connection
 *     after it)
 */
public record TimeoutsConfig(Duration connect, Duration request, Duration idle) {

  public static final TimeoutsConfig DEFAULTS = new TimeoutsConfig(null, null, null);

  public TimeoutsConfig {
    connect = connect == null ? Duration.ofSeconds(2) : connect;
    request = request == null ? Duration.ofSeconds(5) : request;
    idle = idle == null ? Duration.ofSeconds(60) : idle;
  }
}
