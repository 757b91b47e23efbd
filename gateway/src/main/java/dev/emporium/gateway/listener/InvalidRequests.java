package dev.emporium.gateway.listener;

import dev.emporium.gateway.config.LimitsConfig;
import dev.emporium.gateway.edge.RequestIds;
import dev.emporium.gateway.problem.Problem;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;

/**
 * Answers requests the HTTP decoder could not parse (a request line or header block over the
 * limit, malformed framing) with a problem, then closes the connection: after a parse error the
 * position of the next request on the connection is unknown.
 */
final class InvalidRequests implements Handler<HttpServerRequest> {

  private final LimitsConfig limits;

  InvalidRequests(LimitsConfig limits) {
    this.limits = limits;
  }

  @Override
  public void handle(HttpServerRequest request) {
    DecoderResult result = request.decoderResult();
    Throwable cause = result == null ? null : result.cause();
    Problem problem;
    if (cause instanceof TooLongHttpLineException) {
      problem = Problem.uriTooLong(limits.maxRequestLineLength());
    } else if (cause instanceof TooLongHttpHeaderException || cause instanceof TooLongFrameException) {
      problem = Problem.headersTooLarge("The request's header block exceeds " + limits.maxHeaderSize().bytes()
          + " bytes (limits.maxHeaderSize)");
    } else {
      problem = Problem.badRequest("The request is not valid HTTP" + (cause == null || cause.getMessage() == null
          ? "" : ": " + cause.getMessage().replaceAll("[\\r\\n]", " ")));
    }
    String requestId = RequestIds.generate();
    request.response()
        .setStatusCode(problem.status())
        .putHeader("Content-Type", "application/problem+json")
        .putHeader("Connection", "close")
        .putHeader("X-Request-Id", requestId)
        .end(problem.toJson(null, requestId))
        .onComplete(ar -> request.connection().close());
  }
}
