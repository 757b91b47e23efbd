package dev.emporium.gateway.proxy;

import dev.emporium.gateway.policy.ProxyResponse;
import dev.emporium.gateway.problem.Problem;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;

/** Turns a {@link Problem} into a response the gateway sends. */
final class Problems {

  static final String CONTENT_TYPE = "application/problem+json";

  private Problems() {}

  static ProxyResponse response(Problem problem, String instance, String requestId) {
    MultiMap headers = HttpHeaders.headers();
    headers.set(HttpHeaders.CONTENT_TYPE, CONTENT_TYPE);
    headers.set(HttpHeaders.CACHE_CONTROL, "no-store");
    if (problem.retryAfterSeconds() > 0) headers.set("Retry-After", Long.toString(problem.retryAfterSeconds()));
    return ProxyResponse.of(problem.status(), headers, problem.toJson(instance, requestId));
  }
}
