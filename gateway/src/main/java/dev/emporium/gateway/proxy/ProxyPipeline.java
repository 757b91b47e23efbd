package dev.emporium.gateway.proxy;

import dev.emporium.gateway.config.ServerConfig;
import dev.emporium.gateway.edge.RequestFraming;
import dev.emporium.gateway.edge.RequestIds;
import dev.emporium.gateway.observe.AccessLog;
import dev.emporium.gateway.observe.AccessLogLine;
import dev.emporium.gateway.observe.GatewayMetrics;
import dev.emporium.gateway.observe.Tracing;
import dev.emporium.gateway.policy.ProxyResponse;
import dev.emporium.gateway.problem.Problem;
import dev.emporium.gateway.routing.HostPattern;
import dev.emporium.gateway.routing.PathNormalizer;
import dev.emporium.gateway.routing.RouteLookup;
import dev.emporium.gateway.runtime.GatewayRuntime;
import dev.emporium.gateway.runtime.GatewayState;
import dev.emporium.gateway.runtime.Route;
import dev.emporium.gateway.upstream.Cluster;
import io.vertx.core.AsyncResult;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.HostAndPort;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's request path, one instance per event loop. It reads top to bottom in the order a
 * request meets it:
 *
 * <pre>
 * accept → parse &amp; sanitize → match route → policies (request side) → pick endpoint →
 * resilience (timeout, retry, breaker, bulkhead) → forward (streaming) → policies (response side) →
 * respond → access log + metrics + span
 * </pre>
 *
 * Picking, resilience and forwarding live in {@link UpstreamCall}; responding in
 * {@link ResponseWriter}.
 */
public final class ProxyPipeline implements Handler<HttpServerRequest> {

  private static final Logger log = LoggerFactory.getLogger(ProxyPipeline.class);

  private final GatewayRuntime runtime;
  private final UpstreamClients clients;
  private final Forwarder forwarder;
  private final ResponseWriter writer;
  private final GatewayMetrics.RouteMeters unrouted;

  /** HTTP/1.x requests whose body is still to be read, by connection, for {@link #bodyMalformed}. */
  private final Map<HttpConnection, DefaultExchange> readingBody = new IdentityHashMap<>();

  public ProxyPipeline(Vertx vertx, GatewayRuntime runtime) {
    this.runtime = runtime;
    this.clients = new UpstreamClients(vertx);
    this.forwarder = new Forwarder(vertx, clients, runtime.tracing(), runtime.timeouts(), runtime.metrics());
    this.writer = new ResponseWriter(this::finish);
    this.unrouted = runtime.metrics().route("none", "none");
  }

  @Override
  public void handle(HttpServerRequest request) {
    long start = System.nanoTime();
    GatewayState state = runtime.state();
    ServerConfig server = state.config().server();
    DefaultExchange ex = new DefaultExchange(request, state, start,
        RequestIds.resolve(request.getHeader(server.requestIdHeader())), forwarder);
    if (ex.hasBody()) {
      request.pause();
      if (request.version() != HttpVersion.HTTP_2) readingBody.put(request.connection(), ex);
    }
    ex.clientAddress = state.trustedProxies().clientAddress(ex.peer, request.headers().getAll("X-Forwarded-For"));
    // The span starts before anything can refuse the request, so that every request, a 404 or a
    // 400 too, has a trace id in its log line and continues the client's trace.
    Tracing tracing = runtime.tracing();
    ex.span = tracing.startRequest(request.headers(), request.method().name(), truncate(request.path()),
        ex.clientAddress, ex.requestId);
    request.response().closeHandler(v -> clientGone(ex));
    request.response().exceptionHandler(e -> clientGone(ex));

    // parse & sanitize
    Problem framing = RequestFraming.check(request, state.config().limits());
    if (framing != null) {
      ex.closeConnection = true;
      reject(ex, framing);
      return;
    }
    if (runtime.draining()) {
      ex.closeConnection = true;
      reject(ex, Problem.shuttingDown());
      return;
    }
    PathNormalizer.Result normalized = state.normalizer().normalize(request.path());
    if (normalized instanceof PathNormalizer.Rejected rejected) {
      reject(ex, Problem.badRequest(rejected.reason()));
      return;
    }
    ex.normalizedPath = ((PathNormalizer.Normalized) normalized).path();

    // match route
    HostAndPort authority = ex.authority();
    String host = authority == null ? "" : HostPattern.normalize(authority.host());
    RouteLookup<Route> lookup = state.router().match(new RequestMatch(request, host, ex.normalizedPath));
    if (lookup instanceof RouteLookup.NotFound<Route>) {
      reject(ex, Problem.notFound());
      return;
    }
    if (lookup instanceof RouteLookup.MethodNotAllowed<Route> notAllowed) {
      ProxyResponse response = ex.problem(Problem.methodNotAllowed(request.method().name()));
      response.headers().set(HttpHeaders.ALLOW, String.join(", ", notAllowed.allowed()));
      ex.error = "method-not-allowed";
      writer.write(ex, response);
      return;
    }
    RouteLookup.Found<Route> found = (RouteLookup.Found<Route>) lookup;
    Route route = found.route();
    ex.route = route;
    ex.params = found.params();
    ex.upstreamPath = route.rewriter().rewrite(ex.normalizedPath, found.params(), found.remainder());
    ex.upstreamQuery = request.query();
    ex.mark("matched", route.name());
    tracing.routed(ex.span, route.name(), request.method().name(), ex.normalizedPath);
    ex.upgrade = isWebSocketUpgrade(request);
    ex.upstreamHeaders = upstreamHeaders(ex, server);

    // policies, then pick, resilience and forward
    try {
      ex.proceed().onComplete(ar -> respond(ex, ar));
    } catch (RuntimeException e) {
      respond(ex, io.vertx.core.Future.failedFuture(e));
    }
  }

  private MultiMap upstreamHeaders(DefaultExchange ex, ServerConfig server) {
    MultiMap headers = HttpHeaders.headers();
    boolean trustedPeer = ex.state.trustedProxies().trusts(ex.peer);
    if (server != skipsFor) {
      // Identity headers are set only by identity policies: a client's copy never crosses, on any
      // route, and not from a trusted proxy either. Rebuilt only when a reload changes the list.
      skipFromClient = HeaderRules.FORWARDING.plus("host", "expect").plus(server.identityHeaders().toArray(String[]::new));
      skipFromTrusted = HeaderNameSet.of("host", "expect").plus(server.identityHeaders().toArray(String[]::new));
      skipsFor = server;
    }
    HeaderRules.copyEndToEnd(ex.request.headers(), headers, trustedPeer ? skipFromTrusted : skipFromClient);
    ForwardedHeaders.apply(ex.request, ex.authority(), headers, trustedPeer, ex.peer);
    headers.set(server.requestIdHeader(), ex.requestId);
    if (ex.upgrade) {
      headers.set(HttpHeaders.CONNECTION, HttpHeaders.UPGRADE);
      headers.set(HttpHeaders.UPGRADE, ex.request.getHeader(HttpHeaders.UPGRADE));
    }
    return headers;
  }

  /** Headers not copied from the client, for the server settings they were built from. */
  private ServerConfig skipsFor;
  private HeaderNameSet skipFromClient;
  private HeaderNameSet skipFromTrusted;

  private static boolean isWebSocketUpgrade(HttpServerRequest request) {
    if (request.version() != HttpVersion.HTTP_1_1 || request.method() != io.vertx.core.http.HttpMethod.GET) {
      return false;
    }
    String upgrade = request.getHeader(HttpHeaders.UPGRADE);
    String connection = request.getHeader(HttpHeaders.CONNECTION);
    return upgrade != null && upgrade.equalsIgnoreCase("websocket")
        && connection != null && connection.toLowerCase(java.util.Locale.ROOT).contains("upgrade");
  }

  private void reject(DefaultExchange ex, Problem problem) {
    ex.error = problem.type();
    writer.write(ex, ex.problem(problem));
  }

  private void respond(DefaultExchange ex, AsyncResult<ProxyResponse> outcome) {
    if (ex.aborted) {
      finish(ex);
      return;
    }
    ProxyResponse response;
    if (outcome.succeeded()) {
      response = outcome.result();
    } else if (outcome.cause() instanceof ProxyResponse.BodyTooLargeException tooLarge) {
      ex.closeConnection = true;
      ex.tooLarge = true;
      response = ex.problem(Problem.bodyTooLarge(tooLarge.limit()));
      ex.error = "body-too-large";
    } else if (outcome.cause() instanceof ClientBody.MalformedException) {
      ex.closeConnection = true;
      response = ex.problem(Problem.badRequest("The request's chunked body is malformed"));
      ex.error = "bad-request";
    } else {
      log.error("request {} failed inside the gateway", ex.requestId, outcome.cause());
      ex.error = "internal-error";
      response = ex.problem(new Problem(500, "internal-error", "Internal Server Error",
          "The gateway failed to handle this request; its request id names it in the logs"));
    }
    ex.applyResponsePolicies(response).onComplete(ar -> {
      if (ar.succeeded()) {
        writer.write(ex, ar.result());
      } else {
        log.error("request {}: a response policy failed", ex.requestId, ar.cause());
        if (ex.cancelUpstream != null) ex.cancelUpstream.run();
        ex.error = "internal-error";
        writer.write(ex, ex.problem(new Problem(500, "internal-error", "Internal Server Error",
            "The gateway failed to handle this request; its request id names it in the logs")));
      }
    });
  }

  /**
   * The decoder found the chunked body of the request in progress on {@code connection} malformed.
   * The request fails with 400 unless its response has begun, and the connection closes either way.
   */
  public void bodyMalformed(HttpConnection connection) {
    DefaultExchange ex = readingBody.get(connection);
    if (ex == null || ex.finished || ex.request.response().headWritten()) {
      if (ex != null && ex.cancelUpstream != null) ex.cancelUpstream.run();
      connection.close();
      return;
    }
    ex.closeConnection = true;
    ex.bodyFailure = new ClientBody.MalformedException();
    ex.mark("body-malformed", null);
    // Reset the upstream request first: a failing body stream would otherwise end it, and the
    // upstream would take what arrived for the whole body.
    if (ex.cancelUpstream != null) ex.cancelUpstream.run();
    if (ex.body != null) ex.body.fail(ex.bodyFailure);
  }

  private void clientGone(DefaultExchange ex) {
    if (ex.finished || ex.request.response().ended() && !ex.upgrade) return;
    ex.aborted = true;
    if (ex.error == null) ex.error = "client-closed";
    if (ex.cancelUpstream != null) ex.cancelUpstream.run();
    finish(ex);
  }

  /** The end of every request, exactly once: releases, metrics, span, access log. */
  void finish(DefaultExchange ex) {
    if (ex.finished) return;
    ex.finished = true;
    if (ex.releaseAttempt != null) {
      ex.releaseAttempt.run();
      ex.releaseAttempt = null;
    }
    long elapsed = System.nanoTime() - ex.startNanos;
    int status = ex.aborted ? 0 : ex.status;
    (ex.route != null ? ex.route.meters() : unrouted).record(status, elapsed);
    Tracing.end(ex.span, status, ex.error);
    if (ex.request.version() != HttpVersion.HTTP_2) readingBody.remove(ex.request.connection(), ex);
    AccessLog accessLog = runtime.accessLog();
    if (accessLog != null) accessLog.write(accessLine(ex, status, elapsed));
  }

  private String accessLine(DefaultExchange ex, int status, long elapsed) {
    HttpServerRequest request = ex.request;
    AccessLogLine line = new AccessLogLine(ex.startMillis)
        .field("requestId", ex.requestId)
        .field("traceId", Tracing.traceId(ex.span))
        .field("client", ex.clientAddress)
        .field("protocol", request.version() == null ? null : request.version().alpnName())
        .field("method", request.method().name())
        .field("path", ex.normalizedPath != null ? ex.normalizedPath : truncate(request.path()))
        .field("route", ex.route == null ? null : ex.route.name())
        .field("cluster", ex.route == null || ex.route.cluster() == null ? null : ex.route.cluster().name())
        .field("endpoint", ex.endpoint == null ? null : ex.endpoint.id())
        .field("status", status)
        .field("bytesIn", request.bytesRead())
        .field("bytesOut", request.response().bytesWritten())
        .millis("durationMs", elapsed);
    if (ex.upstreamNanos > 0) line.millis("upstreamMs", ex.upstreamNanos);
    if (ex.attempts > 1) line.field("attempts", ex.attempts);
    line.field("error", ex.error);
    if (ex.fallbackUsed) line.field("fallback", "true");
    String mode = ex.state.config().accessLog().passport();
    boolean eventful = status >= 500 || status == 0 || ex.attempts > 1 || ex.fallbackUsed;
    if ("always".equals(mode) || ("errors".equals(mode) && eventful)) line.field("passport", ex.passport.render());
    return line.end();
  }

  private static String truncate(String s) {
    return s == null || s.length() <= 512 ? s : s.substring(0, 512) + "...";
  }

  /** Closes this event loop's client of a cluster a reload retired, after its requests finish. */
  public void retire(Cluster cluster, Duration grace) {
    clients.retire(cluster, grace);
  }

  public void close(Duration grace) {
    clients.closeAll(grace);
  }
}
