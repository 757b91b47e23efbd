package dev.emporium.gateway.proxy;

import dev.emporium.gateway.config.HashOnConfig;
import dev.emporium.gateway.observe.Passport;
import dev.emporium.gateway.policy.ClusterCalls;
import dev.emporium.gateway.policy.Exchange;
import dev.emporium.gateway.policy.Policy;
import dev.emporium.gateway.policy.ProxyResponse;
import dev.emporium.gateway.problem.Problem;
import dev.emporium.gateway.runtime.GatewayState;
import dev.emporium.gateway.runtime.Route;
import dev.emporium.gateway.upstream.Endpoint;
import dev.emporium.gateway.upstream.PickContext;
import io.opentelemetry.api.trace.Span;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The state of one request from arrival to its access log line. Lives on one event loop. */
final class DefaultExchange implements Exchange, PickContext {

  final HttpServerRequest request;
  final GatewayState state;
  final long startNanos;
  final long startMillis;
  /**
   * When the route's deadline started counting: on arrival, or once the client's body has been
   * received in full. A large or slow upload is bounded by idle timeouts, not by the deadline,
   * which is about waiting for the upstream.
   */
  long deadlineStartNanos;
  final String requestId;
  final Passport passport;
  final String peer;
  private final Forwarder forwarder;

  Route route;
  /** The route as matched, before a policy chose another of its clusters; null until one does. */
  private Route matched;
  Map<String, String> params = Map.of();
  String normalizedPath;
  String clientAddress;
  String upstreamPath;
  String upstreamQuery;
  MultiMap upstreamHeaders;
  Span span;

  /** The client's body as it streams, created on first need; null when the request has none. */
  ClientBody body;
  Buffer replacementBody;
  boolean tooLarge;
  /** Why the client's body cannot be used (set when its framing broke mid-way); null while it is fine. */
  RuntimeException bodyFailure;
  /** A WebSocket upgrade: tunnelled once the upstream agrees with 101. */
  boolean upgrade;
  io.vertx.core.net.NetSocket upstreamSocket;
  /** Close the client connection after the response: its framing can no longer be trusted. */
  boolean closeConnection;

  private int nextPolicy;
  private int enteredPolicies;
  private Map<Class<?>, Object> attachments;
  /** Made on first use: routes whose policies call no cluster pay nothing for them. */
  private ClusterCalls clusterCalls;
  /** A policy's pending copy of the body, handed to the body when it starts to be read. */
  private io.vertx.core.Promise<Buffer> bodyTap;
  private long bodyTapLimit;

  // What happened, for metrics and the access log.
  Endpoint endpoint;
  int attempts;
  long upstreamNanos;
  String error;
  boolean fallbackUsed;
  int status;
  boolean aborted;
  boolean finished;
  /** Releases the live attempt's hold on its endpoint and cluster; null when none is held. */
  Runnable releaseAttempt;
  /** Cancels the live upstream request, e.g. when the client goes away. */
  Runnable cancelUpstream;

  DefaultExchange(HttpServerRequest request, GatewayState state, long startNanos, String requestId, Forwarder forwarder) {
    this.request = request;
    this.state = state;
    this.startNanos = startNanos;
    this.deadlineStartNanos = startNanos;
    this.startMillis = System.currentTimeMillis();
    this.requestId = requestId;
    this.passport = new Passport(startNanos);
    this.forwarder = forwarder;
    this.peer = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
  }

  private io.vertx.core.net.HostAndPort authority;
  private boolean authorityResolved;

  /**
   * The host the client addressed: the request target's authority for an absolute-form request
   * ({@code GET http://host/path}), which RFC 9112 §3.2.2 says replaces {@code Host}, otherwise the
   * {@code Host} header (or HTTP/2 {@code :authority}). It selects routes and, with
   * {@code preserveHost}, goes upstream; it never selects the upstream itself.
   */
  io.vertx.core.net.HostAndPort authority() {
    if (!authorityResolved) {
      authorityResolved = true;
      authority = absoluteFormAuthority(request.uri());
      if (authority == null) authority = request.authority();
    }
    return authority;
  }

  static io.vertx.core.net.HostAndPort absoluteFormAuthority(String uri) {
    if (uri == null || uri.startsWith("/")) return null;
    int scheme = uri.indexOf("://");
    if (scheme <= 0) return null;
    String name = uri.substring(0, scheme);
    if (!name.equalsIgnoreCase("http") && !name.equalsIgnoreCase("https")) return null;
    int start = scheme + 3;
    int end = start;
    while (end < uri.length() && "/?#".indexOf(uri.charAt(end)) < 0) end++;
    if (end == start) return null;
    return io.vertx.core.net.HostAndPort.parseAuthority(uri.substring(start, end), -1);
  }

  /** Whether the client's request carries a body that has yet to be read. */
  boolean hasBody() {
    String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length != null) return !length.trim().equals("0");
    if (request.version() == HttpVersion.HTTP_2) return !request.isEnded();
    return request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
  }

  ClientBody body(long maxBytes, long keepLimit, io.vertx.core.Handler<ProxyResponse.BodyTooLargeException> onTooLarge) {
    if (body == null) {
      body = new ClientBody(request, maxBytes, keepLimit, onTooLarge);
      if (bodyTap != null) body.tap(bodyTapLimit, bodyTap);
      body.completion().onSuccess(v -> deadlineStartNanos = System.nanoTime());
    }
    return body;
  }

  long remainingNanos() {
    return deadlineStartNanos + route.deadlineNanos() - System.nanoTime();
  }

  // Exchange, as policies see it.

  @Override
  public HttpServerRequest request() {
    return request;
  }

  @Override
  public String requestId() {
    return requestId;
  }

  @Override
  public String routeName() {
    return route == null ? null : route.name();
  }

  @Override
  public Map<String, String> pathParams() {
    return params;
  }

  @Override
  public String clientAddress() {
    return clientAddress;
  }

  @Override
  public String normalizedPath() {
    return normalizedPath;
  }

  @Override
  public String upstreamPath() {
    return upstreamPath;
  }

  @Override
  public void upstreamPath(String path) {
    this.upstreamPath = path;
  }

  @Override
  public String upstreamQuery() {
    return upstreamQuery;
  }

  @Override
  public void upstreamQuery(String query) {
    this.upstreamQuery = query;
  }

  @Override
  public String upstreamCluster() {
    return route.cluster() == null ? null : route.cluster().name();
  }

  @Override
  public void upstreamCluster(String cluster) {
    if (matched == null) matched = route;
    Route target = matched.target(cluster);
    if (target == null) {
      throw new IllegalArgumentException("route '" + matched.name() + "' cannot forward to cluster '" + cluster
          + "': no policy of the route declares it");
    }
    route = target;
  }

  @Override
  public MultiMap upstreamHeaders() {
    return upstreamHeaders;
  }

  @Override
  public Future<Buffer> bufferRequestBody(long limit) {
    if (replacementBody != null) return Future.succeededFuture(replacementBody);
    if (bodyFailure != null) return Future.failedFuture(bodyFailure);
    if (!hasBody()) return Future.succeededFuture(Buffer.buffer());
    if (body != null && body.started()) {
      return Future.failedFuture(new IllegalStateException("the request body is already streaming upstream"));
    }
    io.vertx.core.Promise<Buffer> promise = io.vertx.core.Promise.promise();
    Buffer collected = Buffer.buffer();
    ClientBody source = body(limit, 0, tooBig -> {
      tooLarge = true;
      promise.tryFail(tooBig);
    });
    source.exceptionHandler(promise::tryFail);
    source.handler(chunk -> {
      if (collected.length() + chunk.length() > limit) {
        tooLarge = true;
        promise.tryFail(new ProxyResponse.BodyTooLargeException(limit));
        return;
      }
      collected.appendBuffer(chunk);
    });
    source.endHandler(v -> {
      replacementBody = collected;
      promise.tryComplete(collected);
    });
    source.resume();
    return promise.future();
  }

  @Override
  public void replaceRequestBody(Buffer body) {
    this.replacementBody = body;
    upstreamHeaders.remove(HttpHeaders.TRANSFER_ENCODING);
    upstreamHeaders.set(HttpHeaders.CONTENT_LENGTH, Integer.toString(body.length()));
  }

  @Override
  public Future<ProxyResponse> proceed() {
    List<Policy> policies = route.policies();
    if (nextPolicy < policies.size()) {
      Policy policy = policies.get(nextPolicy++);
      enteredPolicies = nextPolicy;
      try {
        return policy.onRequest(this);
      } catch (RuntimeException e) {
        return Future.failedFuture(e);
      }
    }
    if (route.cluster() == null) {
      // A route without a cluster relies on a policy that answers itself; reaching here is a bug.
      return Future.failedFuture(new IllegalStateException("route '" + route.name() + "' has no cluster to forward to"));
    }
    return forwarder.forward(this);
  }

  /** Runs the response sides of the policies whose request side ran, last first. */
  Future<ProxyResponse> applyResponsePolicies(ProxyResponse response) {
    Future<ProxyResponse> result = Future.succeededFuture(response);
    List<Policy> policies = route == null ? List.of() : route.policies();
    for (int i = enteredPolicies - 1; i >= 0; i--) {
      Policy policy = policies.get(i);
      result = result.compose(r -> {
        try {
          return policy.onResponse(this, r);
        } catch (RuntimeException e) {
          return Future.failedFuture(e);
        }
      });
    }
    return result;
  }

  @Override
  public ProxyResponse problem(Problem problem) {
    return Problems.response(problem, normalizedPath, requestId);
  }

  @Override
  public void mark(String event, Object detail) {
    passport.mark(event, detail);
  }

  @Override
  public <T> void attach(Class<T> key, T value) {
    if (attachments == null) attachments = new HashMap<>();
    attachments.put(key, value);
  }

  @Override
  public <T> T attachment(Class<T> key) {
    return attachments == null ? null : key.cast(attachments.get(key));
  }

  @Override
  public ClusterCalls clusters() {
    if (clusterCalls == null) clusterCalls = call -> new ClusterCall(forwarder, this, call).start();
    return clusterCalls;
  }

  @Override
  public Future<Buffer> requestBodyCopy(long limit) {
    if (replacementBody != null) {
      return replacementBody.length() > limit
          ? Future.failedFuture(new ProxyResponse.BodyTooLargeException(limit))
          : Future.succeededFuture(replacementBody);
    }
    if (bodyFailure != null) return Future.failedFuture(bodyFailure);
    if (!hasBody()) return Future.succeededFuture(Buffer.buffer());
    if (bodyTap != null || (body != null && body.started())) {
      return Future.failedFuture(new IllegalStateException("the request body is already being copied or read"));
    }
    bodyTap = io.vertx.core.Promise.promise();
    bodyTapLimit = limit;
    if (body != null) body.tap(limit, bodyTap);
    return bodyTap.future();
  }

  // PickContext, for consistent hashing.

  @Override
  public String hashKey() {
    return hashKey(route.hashOn());
  }

  /** The affinity key {@code on} names in this request, or null. */
  String hashKey(HashOnConfig on) {
    if (on == null) return null;
    if (on.header() != null) return request.getHeader(on.header());
    if (on.cookie() != null) {
      Cookie cookie = request.getCookie(on.cookie());
      return cookie == null ? null : cookie.getValue();
    }
    return on.clientIp() ? clientAddress : null;
  }
}
