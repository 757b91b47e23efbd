package dev.emporium.gateway.proxy;

import dev.emporium.gateway.config.LoadBalancerConfig;
import dev.emporium.gateway.observe.Tracing;
import dev.emporium.gateway.policy.ClusterCallException;
import dev.emporium.gateway.policy.ClusterRequest;
import dev.emporium.gateway.policy.ClusterResponse;
import dev.emporium.gateway.problem.Problem;
import dev.emporium.gateway.resilience.AttemptOutcome;
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
import io.vertx.core.http.RequestOptions;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * One call a policy makes to a cluster ({@link dev.emporium.gateway.policy.ClusterCalls}): a single
 * attempt through the cluster's balancer, bulkhead, breaker and the event loop's pool, with a
 * child span of the request's, bounded as a whole by the call's timeout. Unlike
 * {@link UpstreamCall} it reads the whole response body (up to a limit) and never retries.
 */
final class ClusterCall {

  private static final Exception TIMED_OUT = new Exception("cluster call timeout", null, false, false) {};

  private final Forwarder forwarder;
  private final DefaultExchange ex;
  private final ClusterRequest call;
  private final Promise<ClusterResponse> result = Promise.promise();
  private Cluster cluster;
  private Endpoint endpoint;
  private CircuitBreaker breaker;
  private UpstreamClients.Use use;
  private HttpClientRequest request;
  private Span span;
  private io.netty.util.Timeout timer;
  private long startNanos;
  private boolean settled;
  private boolean released;
  /** While the pool is still finding a connection: its use is given back only once it answers. */
  private boolean connecting;

  ClusterCall(Forwarder forwarder, DefaultExchange exchange, ClusterRequest call) {
    this.forwarder = forwarder;
    this.ex = exchange;
    this.call = call;
  }

  Future<ClusterResponse> start() {
    cluster = ex.state.clusters().get(call.cluster());
    if (cluster == null) {
      return Future.failedFuture(new ClusterCallException(
          Problem.upstreamUnreachable(call.cluster(), "no such cluster in the configuration")));
    }
    endpoint = cluster.pick(this::hashKey, null);
    if (endpoint == null) return Future.failedFuture(new ClusterCallException(Problem.noHealthyEndpoint(cluster.name())));
    if (!cluster.bulkhead().tryAcquirePermission()) {
      return Future.failedFuture(new ClusterCallException(Problem.overloaded(cluster.name())));
    }
    breaker = cluster.breaker();
    if (breaker != null && !breaker.tryAcquirePermission()) {
      cluster.bulkhead().onComplete();
      return Future.failedFuture(new ClusterCallException(
          Problem.circuitOpen(cluster.name(), cluster.secondsUntilHalfOpen())));
    }
    settled = breaker == null;
    endpoint.requestStarted();
    startNanos = System.nanoTime();

    MultiMap headers = HttpHeaders.headers();
    if (call.headers() != null) headers.addAll(call.headers());
    headers.remove(HttpHeaders.TRANSFER_ENCODING);
    headers.remove(HttpHeaders.HOST);
    headers.set(ex.state.config().server().requestIdHeader(), ex.requestId);
    if (call.body() != null) {
      headers.set(HttpHeaders.CONTENT_LENGTH, Integer.toString(call.body().length()));
    } else {
      headers.remove(HttpHeaders.CONTENT_LENGTH);
    }
    span = forwarder.tracing.startAttempt(ex.span, call.method(), cluster.name(), endpoint.address().host(),
        endpoint.address().port(), 1, headers);
    long timeoutNanos = call.timeout().toNanos();
    timer = forwarder.timeouts.newTimeout(t -> forwarder.context.runOnContext(v -> {
      if (timer == t) timedOut();
    }), timeoutNanos, TimeUnit.NANOSECONDS);

    long connectMs = Math.min(cluster.config().timeouts().connect().toMillis(), call.timeout().toMillis());
    RequestOptions options = new RequestOptions()
        .setServer(endpoint.socketAddress())
        .setHost(endpoint.address().host())
        .setPort(endpoint.address().port())
        .setMethod(HttpMethod.valueOf(call.method()))
        .setURI(call.uri())
        .setHeaders(headers)
        .setConnectTimeout(Math.max(1, connectMs));
    use = forwarder.clients.use(cluster);
    connecting = true;
    use.request(options).onComplete(ar -> {
      connecting = false;
      if (ar.failed()) {
        if (result.future().isComplete()) {
          use.done();
          return;
        }
        Throwable cause = ar.cause();
        if (cause instanceof ConnectionPoolTooBusyException) {
          fail(null, Problem.overloaded(cluster.name()), "pool-busy");
        } else if (cause instanceof java.util.concurrent.TimeoutException
            || cause instanceof io.netty.channel.ConnectTimeoutException) {
          fail(AttemptOutcome.CONNECT_FAILURE, Problem.upstreamConnectTimeout(cluster.name(), connectMs), null);
        } else {
          fail(AttemptOutcome.CONNECT_FAILURE,
              Problem.upstreamUnreachable(cluster.name(), "connection failed: " + cause.getMessage()), null);
        }
        return;
      }
      request = ar.result();
      request.exceptionHandler(e -> { });
      if (result.future().isComplete()) {
        // Timed out while connecting: the connection goes back, the request never leaves.
        request.reset(0x8, TIMED_OUT);
        use.done();
        return;
      }
      Future<HttpClientResponse> response = call.body() == null ? request.send() : request.send(call.body());
      response.onComplete(rar -> {
        if (result.future().isComplete()) return;
        if (rar.failed()) {
          fail(AttemptOutcome.RESET, Problem.upstreamUnreachable(cluster.name(),
              "connection closed before a response: " + rar.cause().getMessage()), null);
          return;
        }
        responded(rar.result());
      });
    });
    return result.future();
  }

  private void responded(HttpClientResponse response) {
    int status = response.statusCode();
    record(status >= 500 ? AttemptOutcome.SERVER_ERROR : AttemptOutcome.RESPONDED, status, null);
    long limit = call.maxResponseBytes();
    Buffer body = Buffer.buffer();
    response.exceptionHandler(e -> {
      if (result.future().isComplete()) return;
      complete(null, Problem.upstreamUnreachable(cluster.name(), "response body cut short: " + e.getMessage()));
    });
    response.handler(chunk -> {
      if (result.future().isComplete() || limit == 0) return;
      if (body.length() + chunk.length() > limit) {
        complete(null, new Problem(502, "upstream-body-too-large", "Bad Gateway",
            "Cluster '" + cluster.name() + "' answered with a body over the limit of " + limit + " bytes"));
        request.reset(0x8, TIMED_OUT);
        return;
      }
      body.appendBuffer(chunk);
    });
    response.endHandler(v -> {
      if (result.future().isComplete()) return;
      MultiMap headers = HttpHeaders.headers();
      HeaderRules.copyEndToEnd(response.headers(), headers, null);
      complete(new ClusterResponse(status, headers, body), null);
    });
  }

  private void timedOut() {
    timer = null;
    if (result.future().isComplete()) return;
    Problem problem = Problem.upstreamTimeout(cluster.name(), call.timeout().toMillis());
    if (settled) {
      // The head came in time but the body did not.
      complete(null, problem);
    } else {
      fail(AttemptOutcome.TIMEOUT, problem, null);
    }
    // Reset after completing: the reset fails the response at once, which must not pass for a reset.
    if (request != null) request.reset(0x8, TIMED_OUT);
  }

  /** Ends the call without a response; {@code outcome} null when no attempt reached the endpoint. */
  private void fail(AttemptOutcome outcome, Problem problem, String spanError) {
    if (outcome != null) {
      record(outcome, 0, outcome.name().toLowerCase(Locale.ROOT));
    } else {
      Tracing.end(span, 0, spanError);
      span = null;
    }
    complete(null, problem);
  }

  private void record(AttemptOutcome outcome, int status, String spanError) {
    long elapsed = System.nanoTime() - startNanos;
    cluster.recordOutcome(endpoint, outcome, elapsed);
    forwarder.metrics.cluster(cluster.name()).attempt(outcome, elapsed);
    if (!settled) {
      settled = true;
      if (outcome.isFailure()) {
        breaker.onError(elapsed, TimeUnit.NANOSECONDS, UpstreamCall.UpstreamFailure.of(outcome));
      } else {
        breaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
      }
    }
    Tracing.end(span, status, spanError);
    span = null;
  }

  private void complete(ClusterResponse response, Problem problem) {
    releaseGuards();
    if (!connecting && use != null) use.done();
    if (response != null) {
      result.tryComplete(response);
    } else {
      result.tryFail(new ClusterCallException(problem));
    }
  }

  private void releaseGuards() {
    if (released) return;
    released = true;
    if (timer != null) timer.cancel();
    timer = null;
    if (!settled) {
      settled = true;
      breaker.releasePermission();
    }
    endpoint.requestEnded();
    cluster.bulkhead().onComplete();
  }

  private String hashKey() {
    LoadBalancerConfig lb = cluster.config().loadBalancer();
    return "consistent-hash".equals(lb.policy()) ? ex.hashKey(lb.hashOn()) : null;
  }
}
