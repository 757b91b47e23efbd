package dev.emporium.gateway.problem;

import io.vertx.core.buffer.Buffer;

/**
 * An error the gateway answers itself, as an RFC 9457 problem. The {@code type} names the exact
 * cause ({@code upstream-timeout}, {@code no-healthy-endpoint}); the status says who is to blame:
 * 4xx the client, 502 an upstream that answered badly or not at all, 503 the gateway chose not to
 * try (nothing available, breaker open, overloaded), 504 an upstream too slow.
 *
 * @param status the HTTP status
 * @param type short problem type, documented in docs/gateway.md; rendered as a URI
 * @param title short, fixed summary of the type
 * @param detail what happened to this request; never a secret, token or stack trace
 * @param retryAfterSeconds value for Retry-After, or 0 for none
 */
public record Problem(int status, String type, String title, String detail, long retryAfterSeconds) {

  public static final String TYPE_BASE = "https://emporium.dev/problems/";

  public Problem(int status, String type, String title, String detail) {
    this(status, type, title, detail, 0);
  }

  public Problem withRetryAfter(long seconds) {
    return new Problem(status, type, title, detail, Math.max(1, seconds));
  }

  /** The problem+json body, with the request id so a client report can be found in the logs. */
  public Buffer toJson(String instance, String requestId) {
    StringBuilder sb = new StringBuilder(256);
    sb.append("{\"type\":");
    JsonText.quote(sb, TYPE_BASE + type);
    sb.append(",\"title\":");
    JsonText.quote(sb, title);
    sb.append(",\"status\":").append(status);
    if (detail != null) {
      sb.append(",\"detail\":");
      JsonText.quote(sb, detail);
    }
    if (instance != null) {
      sb.append(",\"instance\":");
      JsonText.quote(sb, instance);
    }
    if (requestId != null) {
      sb.append(",\"requestId\":");
      JsonText.quote(sb, requestId);
    }
    return Buffer.buffer(sb.append('}').toString());
  }

  // The catalogue of problems the gateway itself produces.

  public static Problem badRequest(String detail) {
    return new Problem(400, "bad-request", "Bad Request", detail);
  }

  public static Problem notFound() {
    return new Problem(404, "no-route", "Not Found", "No route matches this request");
  }

  public static Problem methodNotAllowed(String method) {
    return new Problem(405, "method-not-allowed", "Method Not Allowed",
        "No route for this path accepts " + method);
  }

  public static Problem bodyTooLarge(long limit) {
    return new Problem(413, "body-too-large", "Content Too Large",
        "The request body exceeds the limit of " + limit + " bytes (limits.maxBodySize)");
  }

  public static Problem uriTooLong(int limit) {
    return new Problem(414, "uri-too-long", "URI Too Long",
        "The request line exceeds the limit of " + limit + " bytes (limits.maxRequestLineLength)");
  }

  public static Problem headersTooLarge(String detail) {
    return new Problem(431, "headers-too-large", "Request Header Fields Too Large", detail);
  }

  public static Problem noHealthyEndpoint(String cluster) {
    return new Problem(503, "no-healthy-endpoint", "Service Unavailable",
        "Cluster '" + cluster + "' has no healthy endpoint").withRetryAfter(1);
  }

  public static Problem circuitOpen(String cluster, long retryAfterSeconds) {
    return new Problem(503, "circuit-open", "Service Unavailable",
        "Cluster '" + cluster + "' is failing; its circuit breaker is open").withRetryAfter(retryAfterSeconds);
  }

  public static Problem overloaded(String cluster) {
    return new Problem(503, "overloaded", "Service Unavailable",
        "Cluster '" + cluster + "' has too many requests in flight").withRetryAfter(1);
  }

  public static Problem shuttingDown() {
    return new Problem(503, "shutting-down", "Service Unavailable",
        "The gateway is shutting down").withRetryAfter(1);
  }

  public static Problem upstreamUnreachable(String cluster, String why) {
    return new Problem(502, "upstream-unreachable", "Bad Gateway",
        "Could not get a response from cluster '" + cluster + "': " + why);
  }

  public static Problem upstreamTimeout(String cluster, long millis) {
    return new Problem(504, "upstream-timeout", "Gateway Timeout",
        "Cluster '" + cluster + "' did not answer within " + millis + " ms");
  }

  /** No connection within the connect timeout: the endpoint is too slow to accept, not refusing. */
  public static Problem upstreamConnectTimeout(String cluster, long millis) {
    return new Problem(504, "upstream-timeout", "Gateway Timeout",
        "Could not connect to cluster '" + cluster + "' within " + millis + " ms");
  }

  /** The upstream stopped reading the request body for its idle timeout. */
  public static Problem upstreamStalled(String cluster, long millis) {
    return new Problem(504, "upstream-timeout", "Gateway Timeout",
        "Cluster '" + cluster + "' stopped reading the request body for " + millis + " ms");
  }
}
