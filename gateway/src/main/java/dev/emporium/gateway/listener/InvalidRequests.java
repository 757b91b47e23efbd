package dev.emporium.gateway.listener;

import dev.emporium.gateway.config.LimitsConfig;
import dev.emporium.gateway.edge.RequestIds;
import dev.emporium.gateway.observe.AccessLog;
import dev.emporium.gateway.observe.AccessLogLine;
import dev.emporium.gateway.observe.GatewayMetrics;
import dev.emporium.gateway.problem.Problem;
import dev.emporium.gateway.runtime.GatewayRuntime;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import java.util.Locale;

/**
 * Answers requests the HTTP decoder refused (a request line or header block over the limit,
 * ambiguous or malformed framing, obs-fold, an unknown version) with a problem, then closes the
 * connection: after a parse error the position of the next request on the connection is unknown.
 * Each one is counted and access-logged like any request that matched no route.
 *
 * <p>The detail is chosen from a fixed set and never quotes the decoder's message, which carries
 * the offending bytes of the request.
 */
final class InvalidRequests implements Handler<HttpServerRequest> {

  private final LimitsConfig limits;
  private final GatewayRuntime runtime;
  private final GatewayMetrics.RouteMeters unrouted;

  InvalidRequests(LimitsConfig limits, GatewayRuntime runtime) {
    this.limits = limits;
    this.runtime = runtime;
    this.unrouted = runtime.metrics().route("none", "none");
  }

  @Override
  public void handle(HttpServerRequest request) {
    long start = System.nanoTime();
    long startMillis = System.currentTimeMillis();
    DecoderResult result = request.decoderResult();
    Problem problem = problemFor(result == null ? null : result.cause(), limits);
    String requestId = RequestIds.generate();
    request.response()
        .setStatusCode(problem.status())
        .putHeader("Content-Type", "application/problem+json")
        .putHeader("Cache-Control", "no-store")
        .putHeader("Connection", "close")
        .putHeader(runtime.state().config().server().requestIdHeader(), requestId)
        .end(problem.toJson(null, requestId))
        .onComplete(ar -> {
          request.connection().close();
          long elapsed = System.nanoTime() - start;
          unrouted.record(problem.status(), elapsed);
          AccessLog accessLog = runtime.accessLog();
          if (accessLog != null) accessLog.write(accessLine(request, requestId, problem, startMillis, elapsed));
        });
  }

  /** What can be said of a request that could not be parsed; the target only in part, quoted as JSON. */
  private static String accessLine(HttpServerRequest request, String requestId, Problem problem, long startMillis,
      long elapsed) {
    String target = request.uri();
    if (target != null && target.length() > 256) target = target.substring(0, 256) + "...";
    return new AccessLogLine(startMillis)
        .field("requestId", requestId)
        .field("client", request.remoteAddress() == null ? null : request.remoteAddress().hostAddress())
        .field("method", request.method() == null ? null : request.method().name())
        .field("path", target)
        .field("status", problem.status())
        .millis("durationMs", elapsed)
        .field("error", problem.type())
        .end();
  }

  static Problem problemFor(Throwable cause, LimitsConfig limits) {
    if (cause instanceof TooLongHttpLineException) return Problem.uriTooLong(limits.maxRequestLineLength());
    if (cause instanceof TooLongHttpHeaderException) {
      return Problem.headersTooLarge("The request's header block exceeds " + limits.maxHeaderSize().bytes()
          + " bytes (limits.maxHeaderSize)");
    }
    if (cause instanceof StrictRequestDecoder.UnsupportedVersion) {
      return new Problem(505, "http-version-not-supported", "HTTP Version Not Supported",
          "Only HTTP/1.0 and HTTP/1.1 are accepted in this form; HTTP/2 needs TLS with ALPN or prior knowledge");
    }
    if (cause instanceof StrictRequestDecoder.ObsoleteLineFolding) {
      return Problem.badRequest("A header line starts with whitespace (obsolete line folding is not accepted)");
    }
    return Problem.badRequest(describe(cause));
  }

  /** A fixed description for what Netty's decoder refused, told apart by its message. */
  private static String describe(Throwable cause) {
    String message = cause == null || cause.getMessage() == null ? "" : cause.getMessage().toLowerCase(Locale.ROOT);
    if (message.contains("content-length") && message.contains("transfer-encoding")) {
      return "The request has both Content-Length and Transfer-Encoding";
    }
    if (message.contains("multiple content-length")) return "The request has more than one Content-Length";
    if (message.contains("content-length")) return "The request's Content-Length is not a non-negative number";
    if (message.contains("transfer coding") || message.contains("transfer-encoding") || message.contains("chunked")) {
      return "The only Transfer-Encoding accepted is a single 'chunked'";
    }
    if (message.contains("header name") || message.contains("colon")) return "A header field name is malformed";
    if (message.contains("header value") || message.contains("allowed after")) {
      return "A header field value contains a character that is not allowed";
    }
    if (message.contains("version")) return "The request line has no valid HTTP version";
    return "The request is not valid HTTP/1.1";
  }
}
