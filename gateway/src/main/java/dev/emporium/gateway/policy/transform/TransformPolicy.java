package dev.emporium.gateway.policy.transform;

import dev.emporium.gateway.policy.Exchange;
import dev.emporium.gateway.policy.Policy;
import dev.emporium.gateway.policy.ProxyResponse;
import dev.emporium.gateway.problem.Problem;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import java.util.Map;

/**
 * Changes requests on their way upstream (headers, path, query) and responses on their way back
 * (headers, JSON fields). Only the parts a route configures run; a route without JSON edits never
 * reads a response body. JSON edits apply to every response with a body, not only the upstream's:
 * a response a later policy answers from memory (a cache hit) must be filtered just the same.
 */
final class TransformPolicy implements Policy {

  private final String route;
  private final HeaderEdits requestHeaders;
  private final PathTemplate path;
  private final QueryEdits query;
  private final HeaderEdits responseHeaders;
  private final JsonBodyFilter json;
  private final Map<String, Counter> rejected;

  TransformPolicy(TransformConfig config, String route, MeterRegistry meters) {
    this.route = route;
    TransformConfig.Request request = config.request();
    TransformConfig.Response response = config.response();
    this.requestHeaders = request == null || request.headers().isEmpty() ? null : request.headers();
    this.path = request == null || request.path() == null ? null : PathTemplate.parse(request.path());
    this.query = request == null || request.query().isEmpty() ? null : request.query();
    this.responseHeaders = response == null || response.headers().isEmpty() ? null : response.headers();
    this.json = response == null || response.json() == null ? null : new JsonBodyFilter(response.json());
    this.rejected = json == null ? Map.of() : Map.of(
        "too-large", counter(meters, route, "too-large"),
        "not-json", counter(meters, route, "not-json"),
        "encoded", counter(meters, route, "encoded"),
        "upstream-body-failed", counter(meters, route, "upstream-body-failed"));
  }

  private static Counter counter(MeterRegistry meters, String route, String reason) {
    return Counter.builder("gateway.transform.rejected")
        .description("Responses refused because their JSON body could not be filtered, by route and reason")
        .tags("route", route, "reason", reason)
        .register(meters);
  }

  @Override
  public Future<ProxyResponse> onRequest(Exchange exchange) {
    if (path != null) {
      String filled = path.fill(exchange.pathParams());
      if (filled == null) {
        return Future.succeededFuture(exchange.problem(new Problem(500, "transform-misconfigured", "Internal Server Error",
            "The route's transform names a path parameter its path pattern does not capture (" + path.names() + ")")));
      }
      exchange.upstreamPath(filled);
    }
    if (query != null) exchange.upstreamQuery(query.apply(exchange.upstreamQuery()));
    if (requestHeaders != null) requestHeaders.apply(exchange.upstreamHeaders());
    // A compressed body cannot be filtered; ask the upstream for the identity encoding.
    if (json != null) exchange.upstreamHeaders().set(HttpHeaders.ACCEPT_ENCODING, "identity");
    return exchange.proceed();
  }

  @Override
  public Future<ProxyResponse> onResponse(Exchange exchange, ProxyResponse response) {
    if (json == null || !hasBody(exchange, response)) {
      if (json != null && exchange.request().method() == HttpMethod.HEAD) {
        // The upstream's length is that of the unfiltered body.
        response.headers().remove(HttpHeaders.CONTENT_LENGTH);
      }
      return editHeaders(response);
    }
    MultiMap headers = response.headers();
    String encoding = headers.get(HttpHeaders.CONTENT_ENCODING);
    if (encoding != null && !encoding.trim().equalsIgnoreCase("identity")) {
      return unfilterable(exchange, response, "encoded", "it has Content-Encoding " + encoding);
    }
    if (!JsonBodyFilter.isJson(headers.get(HttpHeaders.CONTENT_TYPE))) {
      if (json.passNonJson) return editHeaders(response);
      return unfilterable(exchange, response, "not-json", "its Content-Type is not JSON in UTF-8");
    }
    long declared = response.declaredLength();
    if (declared > json.maxBodySize) return tooLarge(exchange, response);
    return response.buffer(json.maxBodySize).transform(ar -> {
      if (ar.failed()) {
        if (ar.cause() instanceof ProxyResponse.BodyTooLargeException) return tooLarge(exchange, response);
        return unfilterable(exchange, response, "upstream-body-failed", "its body failed part way");
      }
      Buffer filtered;
      try {
        filtered = json.apply(response.body());
      } catch (JsonBodyFilter.NotJsonException e) {
        return unfilterable(exchange, response, "not-json", "its body is not valid JSON");
      }
      response.body(filtered);
      headers.remove(HttpHeaders.TRANSFER_ENCODING);
      headers.set(HttpHeaders.CONTENT_LENGTH, Integer.toString(filtered.length()));
      // The representation changed: digests no longer hold and a strong validator becomes weak.
      headers.remove("Content-MD5");
      headers.remove("Digest");
      headers.remove("Content-Digest");
      headers.remove("Repr-Digest");
      String etag = headers.get(HttpHeaders.ETAG);
      if (etag != null && !etag.startsWith("W/")) headers.set(HttpHeaders.ETAG, "W/" + etag);
      exchange.mark("transform", "json filtered");
      return editHeaders(response);
    });
  }

  private Future<ProxyResponse> tooLarge(Exchange exchange, ProxyResponse response) {
    return unfilterable(exchange, response, "too-large",
        "its body exceeds the limit of " + json.maxBodySize + " bytes (transform response.json.maxBodySize)");
  }

  /**
   * Renaming alone passes a body it cannot change; removal refuses it with 502, since the fields it
   * removes must never reach the client.
   */
  private Future<ProxyResponse> unfilterable(Exchange exchange, ProxyResponse response, String reason, String why) {
    if (!json.filters()) return editHeaders(response);
    rejected.get(reason).increment();
    exchange.mark("transform-rejected", reason);
    discard(response);
    ProxyResponse problem = exchange.problem(new Problem(502, "response-not-filterable", "Bad Gateway",
        "The upstream's response on route '" + route + "' could not be filtered: " + why));
    return editHeaders(problem);
  }

  /** Stops an upstream body that will not be sent: resets its stream rather than reading it. */
  private static void discard(ProxyResponse response) {
    if (response.stream() instanceof HttpClientResponse upstream) {
      upstream.exceptionHandler(e -> {});
      upstream.request().reset();
    }
  }

  private Future<ProxyResponse> editHeaders(ProxyResponse response) {
    if (responseHeaders != null) responseHeaders.apply(response.headers());
    return Future.succeededFuture(response);
  }

  private static boolean hasBody(Exchange exchange, ProxyResponse response) {
    int status = response.status();
    if (exchange.request().method() == HttpMethod.HEAD || status == 204 || status == 304 || status < 200) return false;
    if (!response.isStreaming()) return response.body() != null && response.body().length() > 0;
    return response.declaredLength() != 0;
  }
}
