package dev.emporium.gateway.policy.openapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.emporium.gateway.policy.Exchange;
import dev.emporium.gateway.policy.Policy;
import dev.emporium.gateway.policy.ProxyResponse;
import dev.emporium.gateway.policy.openapi.OpenApiContract.Found;
import dev.emporium.gateway.policy.openapi.OpenApiContract.Media;
import dev.emporium.gateway.policy.openapi.OpenApiContract.NoMethod;
import dev.emporium.gateway.policy.openapi.OpenApiContract.Operation;
import dev.emporium.gateway.problem.Problem;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Validates requests against a route's OpenAPI document before they go upstream: the operation is
 * found by method and path, then its path, query, header and cookie parameters and its JSON body
 * are checked against their schemas (compiled when the configuration loaded). A request that breaks
 * the contract gets 400 problem+json listing each failing field; one that passes goes upstream
 * unchanged. Bodies are read up to a bound, so validation on the event loop stays short.
 */
final class OpenApiPolicy implements Policy {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final OpenApiConfig config;
  private final OpenApiContract contract;
  private final boolean matchUpstream;
  private final Map<String, Counter> rejected = new HashMap<>();

  OpenApiPolicy(OpenApiConfig config, OpenApiContract contract, String route, MeterRegistry meters) {
    this.config = config;
    this.contract = contract;
    this.matchUpstream = config.match().equals("upstream");
    for (String reason : List.of("invalid", "unknown-operation", "unsupported-media-type", "too-large")) {
      rejected.put(reason, Counter.builder("gateway.openapi.rejected")
          .description("Requests refused by OpenAPI validation, by route and reason")
          .tags("route", route, "reason", reason)
          .register(meters));
    }
  }

  @Override
  public Future<ProxyResponse> onRequest(Exchange exchange) {
    HttpServerRequest request = exchange.request();
    String method = request.method().name();
    String path = matchUpstream ? exchange.upstreamPath() : exchange.normalizedPath();
    OpenApiContract.Lookup lookup = lookup(method, path);
    if (!(lookup instanceof Found found)) {
      if (config.unknownOperations().equals("pass")) return exchange.proceed();
      rejected.get("unknown-operation").increment();
      if (lookup instanceof NoMethod noMethod) {
        ProxyResponse response = exchange.problem(new Problem(405, "method-not-allowed", "Method Not Allowed",
            "The API's OpenAPI document has no " + method + " operation for this path"));
        response.headers().set(HttpHeaders.ALLOW, String.join(", ", new TreeSet<>(noMethod.allowed())));
        return Future.succeededFuture(response);
      }
      return Future.succeededFuture(exchange.problem(new Problem(404, "operation-not-found", "Not Found",
          "The API's OpenAPI document has no operation for " + method + " on this path")));
    }
    Operation op = found.operation();
    exchange.mark("openapi", method + " " + op.path());
    List<FieldError> errors = new ArrayList<>();
    RequestValidator.parameters(op, inputs(exchange, found.pathParams()), errors, config.maxErrors());

    if (op.body() == null) return decide(exchange, errors);
    boolean hasBody = hasBody(request);
    if (!hasBody) {
      if (op.body().required()) errors.add(new FieldError("body", "is required"));
      return decide(exchange, errors);
    }
    String contentType = (matchUpstream ? exchange.upstreamHeaders() : request.headers()).get(HttpHeaders.CONTENT_TYPE);
    Media media = media(op, contentType);
    if (media == null) {
      rejected.get("unsupported-media-type").increment();
      List<String> accepted = op.body().media().stream().map(Media::range).toList();
      return Future.succeededFuture(exchange.problem(new Problem(415, "unsupported-media-type", "Unsupported Media Type",
          "The body must be one of " + String.join(", ", accepted)
              + (contentType == null ? "; the request has no Content-Type" : ""))));
    }
    if (media.schema() == null) return decide(exchange, errors);
    return exchange.bufferRequestBody(config.maxBodySize().bytes()).transform(ar -> {
      if (ar.failed()) {
        if (ar.cause() instanceof ProxyResponse.BodyTooLargeException) {
          rejected.get("too-large").increment();
          return Future.succeededFuture(exchange.problem(new Problem(413, "body-too-large", "Content Too Large",
              "The request body exceeds the limit of " + config.maxBodySize().bytes()
                  + " bytes for validation (openapi maxBodySize)")));
        }
        return Future.failedFuture(ar.cause());
      }
      if (errors.size() < config.maxErrors()) RequestValidator.jsonBody(media.schema(), ar.result(), errors, config.maxErrors());
      return decide(exchange, errors);
    });
  }

  private OpenApiContract.Lookup lookup(String method, String path) {
    String base = config.basePath();
    if (!base.isEmpty()) {
      if (path.equals(base)) {
        path = "/";
      } else if (path.startsWith(base) && path.charAt(base.length()) == '/') {
        path = path.substring(base.length());
      } else {
        return new OpenApiContract.NoPath();
      }
    }
    return contract.find(method, path);
  }

  private RequestValidator.Inputs inputs(Exchange exchange, Map<String, String> pathParams) {
    HttpServerRequest request = exchange.request();
    String query = matchUpstream ? exchange.upstreamQuery() : request.query();
    MultiMap headers = matchUpstream ? exchange.upstreamHeaders() : request.headers();
    Map<String, String> cookies = new HashMap<>();
    for (Cookie c : request.cookies()) cookies.putIfAbsent(c.getName(), c.getValue());
    return new RequestValidator.Inputs(pathParams, query, headers, cookies);
  }

  private Future<ProxyResponse> decide(Exchange exchange, List<FieldError> errors) {
    if (errors.isEmpty()) return exchange.proceed();
    rejected.get("invalid").increment();
    exchange.mark("openapi-rejected", errors.size() + " errors");
    String detail = errors.size() == 1
        ? "The request does not match the API's contract: " + errors.getFirst().field() + " " + errors.getFirst().message()
        : "The request does not match the API's contract in " + errors.size() + " places";
    ProxyResponse response = exchange.problem(new Problem(400, "validation-failed", "Bad Request", detail));
    return Future.succeededFuture(response.body(withErrors(response.body(), errors)));
  }

  /** The problem's JSON with an {@code errors} member: one entry per failing field. */
  private static Buffer withErrors(Buffer problem, List<FieldError> errors) {
    try {
      ObjectNode node = (ObjectNode) JSON.readTree(problem.getBytes());
      ArrayNode list = node.putArray("errors");
      for (FieldError e : errors) list.addObject().put("field", e.field()).put("message", e.message());
      return Buffer.buffer(JSON.writeValueAsBytes(node));
    } catch (IOException e) {
      throw new IllegalStateException("the gateway's own problem JSON could not be read", e);
    }
  }

  /** The first media type range of the operation the Content-Type falls in: exact, then type/*, then *&#47;*. */
  private static Media media(Operation op, String contentType) {
    if (contentType == null) return null;
    String type = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
    int slash = type.indexOf('/');
    String wildcard = slash < 0 ? null : type.substring(0, slash) + "/*";
    Media best = null;
    int rank = 0;
    for (Media m : op.body().media()) {
      int r = m.range().equals(type) ? 3 : m.range().equals(wildcard) ? 2 : m.range().equals("*/*") ? 1 : 0;
      if (r > rank) {
        best = m;
        rank = r;
      }
    }
    return best;
  }

  private static boolean hasBody(HttpServerRequest request) {
    String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length != null) return !length.trim().equals("0");
    if (request.version() == HttpVersion.HTTP_2) return !request.isEnded();
    return request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
  }
}
