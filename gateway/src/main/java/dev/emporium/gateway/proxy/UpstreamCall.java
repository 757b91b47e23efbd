package dev.emporium.gateway.proxy;

import dev.emporium.gateway.config.FallbackConfig;
import dev.emporium.gateway.observe.Tracing;
import dev.emporium.gateway.policy.ProxyResponse;
import dev.emporium.gateway.problem.Problem;
import dev.emporium.gateway.resilience.AttemptOutcome;
import dev.emporium.gateway.runtime.Route;
import dev.emporium.gateway.upstream.Cluster;
import dev.emporium.gateway.upstream.Endpoint;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.opentelemetry.api.trace.Span;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.HostAndPort;
import java.util.concurrent.TimeUnit;

/**
 * One request's way to its cluster, across attempts. Each attempt asks the cluster for an endpoint,
 * passes the bulkhead and the breaker, sends, and waits for the response head within the request
 * timeout. A failed attempt is retried only when the request is idempotent, the failure is one the
 * route retries on, the body can be sent again, the deadline leaves room after the backoff, and the
 * cluster's retry budget allows it; otherwise the client gets the precise problem, or the route's
 * fallback.
 */
final class UpstreamCall {

  private static final Exception TIMED_OUT = new Exception("upstream timeout", null, false, false) {};
  private static final Exception CLIENT_GONE = new Exception("client closed the connection", null, false, false) {};

  private final Forwarder forwarder;
  private final DefaultExchange ex;
  private final Route route;
  private final Cluster cluster;
  private final Promise<ProxyResponse> result = Promise.promise();
  private boolean retryable;
  private int attempt;
  private Endpoint lastEndpoint;
  private long nextBackoffNanos;

  UpstreamCall(Forwarder forwarder, DefaultExchange exchange) {
    this.forwarder = forwarder;
    this.ex = exchange;
    this.route = exchange.route;
    this.cluster = route.cluster();
  }

  Future<ProxyResponse> start() {
    retryable = !isUpgrade() && route.retry().isRetryable(ex.request.method().name(),
        ex.request.headers().contains("Idempotency-Key"));
    cluster.retryBudget().recordRequest();
    next();
    return result.future();
  }

  private boolean isUpgrade() {
    return ex.upgrade;
  }

  /** The live attempt's holds on the cluster, released exactly once whatever ends it. */
  private final class Attempt {
    final Endpoint endpoint;
    final long startNanos = System.nanoTime();
    final CircuitBreaker breaker;
    Span span;
    /** Waits for the response head: the request timeout, cut short by the deadline. */
    io.netty.util.Timeout timer;
    /** While the client's body streams: checks that the upstream keeps reading it. */
    long watchdog = -1;
    boolean uploading;
    boolean headReceived;
    boolean timedOut;
    boolean stalledUpload;
    boolean breakerSettled;
    boolean released;
    /** This attempt's use of the event loop's client for the cluster. */
    UpstreamClients.Use client;

    Attempt(Endpoint endpoint, CircuitBreaker breaker) {
      this.endpoint = endpoint;
      this.breaker = breaker;
      this.breakerSettled = breaker == null;
    }

    void settle(AttemptOutcome outcome, long elapsed) {
      if (breakerSettled) return;
      breakerSettled = true;
      if (outcome.isFailure()) {
        breaker.onError(elapsed, TimeUnit.NANOSECONDS, UpstreamFailure.of(outcome));
      } else {
        breaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
      }
    }

    void release() {
      if (!breakerSettled) {
        breakerSettled = true;
        breaker.releasePermission();
      }
      if (released) return;
      released = true;
      cancelTimers();
      if (client != null) client.done();
      endpoint.requestEnded();
      cluster.bulkhead().onComplete();
    }

    void cancelTimers() {
      if (timer != null) timer.cancel();
      if (watchdog >= 0) forwarder.vertx.cancelTimer(watchdog);
      timer = null;
      watchdog = -1;
    }
  }

  private void next() {
    if (ex.aborted) {
      result.tryFail(CLIENT_GONE);
      return;
    }
    attempt++;
    ex.attempts = attempt;
    long remaining = ex.remainingNanos();
    if (remaining <= 0) {
      giveUp(Problem.upstreamTimeout(cluster.name(), route.deadlineNanos() / 1_000_000), "timeout");
      return;
    }
    Endpoint endpoint = cluster.pick(ex, lastEndpoint);
    if (endpoint == null) {
      giveUp(Problem.noHealthyEndpoint(cluster.name()), "unavailable");
      return;
    }
    if (!cluster.bulkhead().tryAcquirePermission()) {
      giveUp(Problem.overloaded(cluster.name()), "unavailable");
      return;
    }
    CircuitBreaker breaker = cluster.breaker();
    if (breaker != null && !breaker.tryAcquirePermission()) {
      cluster.bulkhead().onComplete();
      giveUp(Problem.circuitOpen(cluster.name(), cluster.secondsUntilHalfOpen()),
          "unavailable");
      return;
    }
    endpoint.requestStarted();
    Attempt a = new Attempt(endpoint, breaker);
    ex.endpoint = endpoint;
    lastEndpoint = endpoint;
    ex.releaseAttempt = a::release;
    ex.mark("attempt", attempt + " " + endpoint.id());

    MultiMap headers = attempt == 1 ? ex.upstreamHeaders : HttpHeaders.headers().addAll(ex.upstreamHeaders);
    a.span = forwarder.tracing.startAttempt(ex.span, ex.request.method().name(), cluster.name(),
        endpoint.address().host(), endpoint.address().port(), attempt, headers);
    long connectNanos = Math.min(route.timeouts().connect().toNanos(), remaining);
    RequestOptions options = new RequestOptions()
        .setServer(endpoint.socketAddress())
        .setHost(endpoint.address().host())
        .setPort(endpoint.address().port())
        .setMethod(ex.upgrade ? HttpMethod.GET : ex.request.method())
        .setURI(ex.upstreamQuery == null ? ex.upstreamPath : ex.upstreamPath + '?' + ex.upstreamQuery)
        .setHeaders(headers)
        .setConnectTimeout(Math.max(1, connectNanos / 1_000_000));
    if (ex.upgrade) options.setProtocolVersion(HttpVersion.HTTP_1_1);

    a.client = forwarder.clients.use(cluster);
    a.client.request(options).onComplete(ar -> {
      if (ar.failed()) {
        if (ar.cause() instanceof ConnectionPoolTooBusyException) {
          a.release();
          Tracing.end(a.span, 0, "pool-busy");
          giveUp(Problem.overloaded(cluster.name()), "unavailable");
        } else {
          attemptFailed(a, AttemptOutcome.CONNECT_FAILURE, ar.cause());
        }
        return;
      }
      HttpClientRequest request = ar.result();
      // Every failure of the attempt reaches the response future below; without a handler here,
      // a reset during an upload would also be logged as unhandled.
      request.exceptionHandler(e -> { });
      if (ex.aborted) {
        request.reset(0, CLIENT_GONE);
        a.release();
        result.tryFail(CLIENT_GONE);
        return;
      }
      if (route.preserveHost()) {
        HostAndPort authority = ex.authority();
        if (authority != null) request.authority(authority);
      }
      ex.cancelUpstream = () -> request.reset(0, CLIENT_GONE);
      Future<HttpClientResponse> response = ex.upgrade ? request.connect() : send(request, a);
      if (!a.uploading) awaitHead(a, request);
      response.onComplete(rar -> {
        a.headReceived = true;
        a.cancelTimers();
        if (ex.aborted) {
          a.release();
          Tracing.end(a.span, 0, "client-closed");
          result.tryFail(CLIENT_GONE);
          return;
        }
        if (rar.failed()) {
          if (ex.bodyFailure != null) {
            a.release();
            Tracing.end(a.span, 0, "body-malformed");
            result.tryFail(ex.bodyFailure);
            return;
          }
          if (ex.tooLarge) {
            a.release();
            Tracing.end(a.span, 0, "body-too-large");
            result.tryFail(new ProxyResponse.BodyTooLargeException(ex.state.config().limits().maxBodySize().bytes()));
            return;
          }
          attemptFailed(a, a.timedOut ? AttemptOutcome.TIMEOUT : AttemptOutcome.RESET, rar.cause());
          return;
        }
        responded(a, rar.result());
      });
    });
  }

  /**
   * Starts the request timeout. It runs from the moment the whole request has been handed
   * upstream, so the time a client takes to upload its body never counts against it (as Envoy's
   * route timeout); the deadline can only shorten it.
   */
  private void awaitHead(Attempt a, HttpClientRequest request) {
    if (a.headReceived || a.released || a.timer != null) return;
    if (a.watchdog >= 0) {
      forwarder.vertx.cancelTimer(a.watchdog);
      a.watchdog = -1;
    }
    long nanos = Math.min(route.timeouts().request().toNanos(), ex.remainingNanos());
    a.timer = forwarder.timeouts.newTimeout(t -> forwarder.context.runOnContext(v -> {
      if (a.timer != t || a.headReceived || a.released) return;
      a.timer = null;
      a.timedOut = true;
      request.reset(0x8, TIMED_OUT);
    }), Math.max(1, nanos), TimeUnit.NANOSECONDS);
  }

  /** While the body uploads: an upstream that stops reading it for the idle timeout is given up on. */
  private void watchUpload(Attempt a, HttpClientRequest request, ClientBody body) {
    a.uploading = true;
    long idleNanos = route.timeouts().idle().toNanos();
    a.watchdog = forwarder.vertx.setPeriodic(Math.max(1, idleNanos / 4_000_000), id -> {
      if (body.stalledByConsumerSince(System.nanoTime() - idleNanos)) {
        a.cancelTimers();
        a.timedOut = true;
        a.stalledUpload = true;
        request.reset(0x8, TIMED_OUT);
      }
    });
    body.completion().onSuccess(v -> {
      a.uploading = false;
      awaitHead(a, request);
    });
  }

  private Future<HttpClientResponse> send(HttpClientRequest request, Attempt a) {
    if (ex.bodyFailure != null) {
      request.reset(0, ex.bodyFailure);
      return Future.failedFuture(ex.bodyFailure);
    }
    if (ex.replacementBody != null) return request.send(ex.replacementBody);
    if (ex.body != null && ex.body.started()) {
      Buffer copy = ex.body.keptCopy();
      if (copy == null) return Future.failedFuture(new IllegalStateException("body not replayable"));
      // An HTTP/2 request that turned out to have no body is retried without one, as it was sent.
      if (copy.length() == 0 && !ex.request.headers().contains(HttpHeaders.CONTENT_LENGTH)) return request.send();
      return request.send(copy);
    }
    if (ex.body == null && !ex.hasBody()) return request.send();
    ClientBody body = ex.body(ex.state.config().limits().maxBodySize().bytes(),
        retryable ? route.retry().bufferLimit() : 0, tooLarge -> {
          ex.tooLarge = true;
          request.reset(0, tooLarge);
        });
    if (!request.headers().contains(HttpHeaders.CONTENT_LENGTH) && request.version() != HttpVersion.HTTP_2) {
      if (ex.request.version() == HttpVersion.HTTP_2) {
        // An HTTP/2 client ends a bodyless request with its HEADERS frame, but Vert.x reports that
        // end only after the request handler ran: whether there is a body is known at the first
        // data or the end. Chunked is chosen at the first data, so a bodyless GET goes without.
        body.onFirstData(() -> request.setChunked(true));
      } else {
        request.setChunked(true);
      }
    }
    if ("100-continue".equalsIgnoreCase(ex.request.getHeader(HttpHeaders.EXPECT))) {
      ex.request.response().writeContinue();
    }
    // A body that fails part way resets the upstream request rather than ending it: the upstream
    // must never take what arrived for the whole body.
    body.pipe().endOnFailure(false).to(request).onFailure(e -> request.reset(0, e));
    if (!body.complete()) watchUpload(a, request, body);
    return request.response();
  }

  private void responded(Attempt a, HttpClientResponse response) {
    long elapsed = System.nanoTime() - a.startNanos;
    int status = response.statusCode();
    AttemptOutcome outcome = status >= 500 ? AttemptOutcome.SERVER_ERROR : AttemptOutcome.RESPONDED;
    record(a, outcome, elapsed, status);
    if (outcome == AttemptOutcome.SERVER_ERROR && mayRetry(outcome, status)) {
      // Read and drop the body so the connection can serve the retry or another request; the idle
      // timeout keeps an upstream that stalls in that body from holding the connection for ever.
      response.request().idleTimeout(route.timeouts().idle().toMillis());
      response.handler(chunk -> {});
      response.exceptionHandler(e -> {});
      response.resume();
      a.release();
      ex.releaseAttempt = null;
      ex.cancelUpstream = null;
      scheduleRetry(status + " from " + a.endpoint.id());
      return;
    }
    ex.upstreamNanos = elapsed;
    response.pause();
    // From here the idle timeout guards the body: an upstream that goes quiet mid-body makes the
    // client's response fail rather than hang.
    if (!ex.upgrade) response.request().idleTimeout(route.timeouts().idle().toMillis());
    MultiMap headers = HttpHeaders.headers();
    HeaderRules.copyEndToEnd(response.headers(), headers, null);
    if (ex.upgrade && status == 101) {
      ex.upstreamSocket = response.netSocket();
      headers.set(HttpHeaders.CONNECTION, HttpHeaders.UPGRADE);
      headers.set(HttpHeaders.UPGRADE, response.getHeader(HttpHeaders.UPGRADE));
    }
    result.tryComplete(ProxyResponse.streaming(status, headers, response));
  }

  private void attemptFailed(Attempt a, AttemptOutcome outcome, Throwable cause) {
    long elapsed = System.nanoTime() - a.startNanos;
    record(a, outcome, elapsed, 0);
    a.release();
    ex.releaseAttempt = null;
    ex.cancelUpstream = null;
    String why = describe(outcome, cause);
    ex.mark("attempt-failed", why);
    if (mayRetry(outcome, 0)) {
      scheduleRetry(why);
      return;
    }
    if (outcome == AttemptOutcome.TIMEOUT && a.stalledUpload) {
      giveUp(Problem.upstreamStalled(cluster.name(), route.timeouts().idle().toMillis()), "timeout");
    } else if (outcome == AttemptOutcome.TIMEOUT) {
      long ms = Math.min(route.timeouts().request().toMillis(), route.deadlineNanos() / 1_000_000);
      giveUp(Problem.upstreamTimeout(cluster.name(), ms), "timeout");
    } else if (outcome == AttemptOutcome.CONNECT_FAILURE && isTimeout(cause)) {
      long ms = Math.min(route.timeouts().connect().toMillis(), route.deadlineNanos() / 1_000_000);
      giveUp(Problem.upstreamConnectTimeout(cluster.name(), ms), "timeout");
    } else {
      giveUp(Problem.upstreamUnreachable(cluster.name(), why), "bad-gateway");
    }
  }

  private void record(Attempt a, AttemptOutcome outcome, long elapsed, int status) {
    cluster.recordOutcome(a.endpoint, outcome, elapsed);
    route.clusterMeters().attempt(outcome, elapsed);
    a.settle(outcome, elapsed);
    Tracing.end(a.span, status, outcome == AttemptOutcome.RESPONDED || outcome == AttemptOutcome.SERVER_ERROR
        ? null : outcome.name().toLowerCase(java.util.Locale.ROOT));
  }

  private boolean mayRetry(AttemptOutcome outcome, int status) {
    if (!retryable || attempt > route.retry().retries() || ex.aborted) return false;
    if (!route.retry().retriesOn(outcome, status) || !bodyCanBeResent()) return false;
    long backoff = route.retry().backoffNanos(attempt);
    if (backoff >= ex.remainingNanos()) {
      ex.mark("no-retry", "deadline");
      return false;
    }
    if (!cluster.retryBudget().tryAcquireRetry()) {
      route.clusterMeters().budgetExhausted();
      ex.mark("no-retry", "retry budget exhausted");
      return false;
    }
    nextBackoffNanos = backoff;
    return true;
  }

  private boolean bodyCanBeResent() {
    return ex.replacementBody != null || ex.body == null || !ex.body.started() || ex.body.keptCopy() != null;
  }

  private void scheduleRetry(String why) {
    route.clusterMeters().retry();
    long delayMs = Math.max(1, nextBackoffNanos / 1_000_000);
    ex.mark("retry", "after " + delayMs + "ms (" + why + ")");
    forwarder.vertx.setTimer(delayMs, id -> next());
  }

  /** Ends the call without an upstream response: the route's fallback if it covers this, else the problem. */
  private void giveUp(Problem problem, String failureKind) {
    ex.error = problem.type();
    FallbackConfig fallback = route.fallback();
    if (fallback != null && fallback.on().contains(failureKind)) {
      ex.fallbackUsed = true;
      ex.mark("fallback", problem.type());
      MultiMap headers = HttpHeaders.headers()
          .set(HttpHeaders.CONTENT_TYPE, fallback.contentType())
          .set("X-Fallback", problem.type());
      result.tryComplete(ProxyResponse.of(fallback.status(), headers, Buffer.buffer(fallback.body())));
      return;
    }
    result.tryComplete(ex.problem(problem));
  }

  /** A connection not made in time (the pool's wait included), as opposed to one refused. */
  private static boolean isTimeout(Throwable cause) {
    return cause instanceof java.util.concurrent.TimeoutException
        || cause instanceof io.netty.channel.ConnectTimeoutException;
  }

  private static String describe(AttemptOutcome outcome, Throwable cause) {
    String message = cause == null || cause.getMessage() == null ? "" : ": " + cause.getMessage();
    return switch (outcome) {
      case CONNECT_FAILURE -> "connection failed" + message;
      case RESET -> "connection closed before a response" + message;
      case TIMEOUT -> "no response within the request timeout";
      default -> outcome.name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  /** Failures as the circuit breaker records them; no stack traces, they are expected. */
  static final class UpstreamFailure extends Exception {
    private static final UpstreamFailure[] BY_OUTCOME = new UpstreamFailure[AttemptOutcome.values().length];

    static {
      for (AttemptOutcome o : AttemptOutcome.values()) BY_OUTCOME[o.ordinal()] = new UpstreamFailure(o);
    }

    private UpstreamFailure(AttemptOutcome outcome) {
      super(outcome.name(), null, false, false);
    }

    static UpstreamFailure of(AttemptOutcome outcome) {
      return BY_OUTCOME[outcome.ordinal()];
    }
  }
}
