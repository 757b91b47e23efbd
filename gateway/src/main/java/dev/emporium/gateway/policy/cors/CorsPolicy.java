package dev.emporium.gateway.policy.cors;

import dev.emporium.gateway.policy.Exchange;
import dev.emporium.gateway.policy.Policy;
import dev.emporium.gateway.policy.ProxyResponse;
import dev.emporium.gateway.problem.Problem;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Cross-origin resource sharing (the Fetch standard's CORS protocol) for one route. Preflights are
 * answered at the gateway and never reach the upstream; their header values are computed once when
 * the configuration loads. On actual requests the gateway is the only source of CORS headers: any
 * the upstream sends are removed, and an origin that is not allowed gets none, so the browser keeps
 * the response from the page.
 */
final class CorsPolicy implements Policy {

  private static final String VARY_PREFLIGHT = "Origin, Access-Control-Request-Method, Access-Control-Request-Headers";
  private static final List<CharSequence> UPSTREAM_CORS = List.of(
      HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS,
      HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS,
      HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, HttpHeaders.ACCESS_CONTROL_MAX_AGE);

  private final boolean anyOrigin;
  private final List<OriginPattern> origins;
  private final Set<String> methods;
  private final boolean anyHeader;
  private final Set<String> headers;
  private final boolean credentials;
  private final String allowMethods;
  private final String allowHeaders;
  private final String exposeHeaders;
  private final String maxAge;
  private final Counter preflightAllowed;
  private final Counter preflightDenied;
  private final Counter actualAllowed;
  private final Counter actualDenied;

  CorsPolicy(CorsConfig config, String route, MeterRegistry meters) {
    this.anyOrigin = config.allowOrigins().equals(List.of("*"));
    this.origins = anyOrigin ? List.of() : config.allowOrigins().stream().map(OriginPattern::parse).toList();
    this.methods = Set.copyOf(config.allowMethods());
    this.anyHeader = config.allowHeaders().equals(List.of("*"));
    this.headers = config.allowHeaders().stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    this.credentials = config.allowCredentials();
    this.allowMethods = String.join(", ", config.allowMethods());
    this.allowHeaders = anyHeader ? null : String.join(", ", config.allowHeaders());
    this.exposeHeaders = config.exposeHeaders().isEmpty() ? null : String.join(", ", config.exposeHeaders());
    this.maxAge = Long.toString(config.maxAge().toSeconds());
    this.preflightAllowed = counter(meters, route, "preflight", "allowed");
    this.preflightDenied = counter(meters, route, "preflight", "denied");
    this.actualAllowed = counter(meters, route, "actual", "allowed");
    this.actualDenied = counter(meters, route, "actual", "denied");
  }

  private static Counter counter(MeterRegistry meters, String route, String kind, String outcome) {
    return Counter.builder("gateway.cors.requests")
        .description("Cross-origin requests (with an Origin header), by route, kind and outcome")
        .tags("route", route, "kind", kind, "outcome", outcome)
        .register(meters);
  }

  @Override
  public Future<ProxyResponse> onRequest(Exchange exchange) {
    var request = exchange.request();
    String origin = request.getHeader(HttpHeaders.ORIGIN);
    if (origin == null || request.method() != HttpMethod.OPTIONS) return exchange.proceed();
    String method = request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD);
    if (method == null) return exchange.proceed();
    exchange.attach(Preflight.class, Preflight.ANSWERED);
    return Future.succeededFuture(preflight(exchange, origin, method,
        request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS)));
  }

  /** Marks an exchange whose preflight this policy answered, so its response side leaves the answer alone. */
  private enum Preflight { ANSWERED }

  private ProxyResponse preflight(Exchange exchange, String origin, String method, String requestHeaders) {
    String refusal = null;
    if (!allowed(origin)) {
      refusal = "The origin is not allowed on this route";
    } else if (!methods.contains(method)) {
      refusal = "The method " + printable(method) + " is not allowed for cross-origin requests on this route";
    } else if (!anyHeader && requestHeaders != null) {
      for (String h : requestHeaders.split(",")) {
        String name = h.trim().toLowerCase(Locale.ROOT);
        if (!name.isEmpty() && !headers.contains(name)) {
          refusal = "The request header " + printable(name) + " is not allowed for cross-origin requests on this route";
          break;
        }
      }
    }
    if (refusal != null) {
      preflightDenied.increment();
      exchange.mark("cors", "preflight denied");
      ProxyResponse denied = exchange.problem(new Problem(403, "cors-rejected", "Forbidden", refusal));
      denied.headers().set(HttpHeaders.VARY, VARY_PREFLIGHT);
      return denied;
    }
    preflightAllowed.increment();
    exchange.mark("cors", "preflight allowed");
    MultiMap out = HttpHeaders.headers();
    out.set(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, anyOrigin && !credentials ? "*" : origin);
    if (credentials) out.set(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
    out.set(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, allowMethods);
    String headersAnswer = anyHeader ? requestHeaders : allowHeaders;
    if (headersAnswer != null && !headersAnswer.isBlank()) out.set(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, headersAnswer);
    out.set(HttpHeaders.ACCESS_CONTROL_MAX_AGE, maxAge);
    out.set(HttpHeaders.VARY, VARY_PREFLIGHT);
    return ProxyResponse.of(204, out, Buffer.buffer());
  }

  @Override
  public Future<ProxyResponse> onResponse(Exchange exchange, ProxyResponse response) {
    MultiMap out = response.headers();
    if (exchange.attachment(Preflight.class) != null) return Future.succeededFuture(response);
    for (CharSequence name : UPSTREAM_CORS) out.remove(name);
    String origin = exchange.request().getHeader(HttpHeaders.ORIGIN);
    if (!(anyOrigin && !credentials)) Vary.add(out, "Origin");
    if (origin == null) return Future.succeededFuture(response);
    if (!allowed(origin)) {
      actualDenied.increment();
      return Future.succeededFuture(response);
    }
    actualAllowed.increment();
    out.set(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, anyOrigin && !credentials ? "*" : origin);
    if (credentials) out.set(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
    if (exposeHeaders != null) out.set(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, exposeHeaders);
    return Future.succeededFuture(response);
  }

  private boolean allowed(String origin) {
    if (anyOrigin) return true;
    OriginPattern.Origin parsed = OriginPattern.Origin.parse(origin);
    if (parsed == null) return false;
    for (OriginPattern p : origins) {
      if (p.matches(parsed)) return true;
    }
    return false;
  }

  /** A client's value, safe to quote in a problem: short and printable. */
  private static String printable(String s) {
    String cut = s.length() > 64 ? s.substring(0, 64) + "..." : s;
    return "'" + cut.replaceAll("[^\\x20-\\x7e]", "?") + "'";
  }
}
