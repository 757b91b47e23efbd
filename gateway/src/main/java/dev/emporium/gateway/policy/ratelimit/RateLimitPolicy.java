package dev.emporium.gateway.policy.ratelimit;

import dev.emporium.gateway.policy.Exchange;
import dev.emporium.gateway.policy.Policy;
import dev.emporium.gateway.policy.ProxyResponse;
import dev.emporium.gateway.problem.Problem;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code rate-limit} policy of one route. Every limit counts the request against its own key;
 * the request passes only if all of them allow it, and otherwise gets 429 naming the limit with the
 * longest wait. Responses carry the {@code RateLimit-*} headers of the most restrictive limit.
 */
final class RateLimitPolicy implements Policy {

  private static final Logger log = LoggerFactory.getLogger(RateLimitPolicy.class);
  // Names made once with their hash: every allowed response carries all four.
  private static final CharSequence LIMIT = HttpHeaders.createOptimized("RateLimit-Limit");
  private static final CharSequence REMAINING = HttpHeaders.createOptimized("RateLimit-Remaining");
  private static final CharSequence RESET = HttpHeaders.createOptimized("RateLimit-Reset");
  private static final CharSequence POLICY = HttpHeaders.createOptimized("RateLimit-Policy");

  /** One limit as it runs: its key, its local counts, its Redis counts (null for local state). */
  record Limit(LimitConfig config, KeyResolver keys, LocalLimiter local, RedisLimiter redis, RateLimitMetrics meters) {}

  private final String route;
  private final Limit[] limits;
  private final boolean redis;
  private final boolean failClosed;
  private final Counter backendFailures;
  private final boolean headers;
  private final String policyHeader;
  private final Vertx vertx;
  private final Runnable release;
  private boolean closed;
  private static final long WARNING_INTERVAL_NANOS = 10_000_000_000L;
  /** When Redis failures were last logged; racy by design, a second line now and then is harmless. */
  private volatile long lastWarning;

  RateLimitPolicy(String route, List<Limit> limits, RateLimitConfig config, Counter backendFailures, Vertx vertx,
      Runnable release) {
    this.route = route;
    this.limits = limits.toArray(Limit[]::new);
    this.redis = config.state().equals("redis");
    this.failClosed = config.failureMode().equals("closed");
    this.backendFailures = backendFailures;
    this.headers = config.headers();
    this.vertx = vertx;
    this.release = release;
    List<String> parts = new ArrayList<>();
    for (Limit limit : limits) {
      long window = Math.max(1, Decision.seconds(limit.config().period().toNanos()));
      parts.add(limit.config().capacity() + ";w=" + window);
    }
    this.policyHeader = String.join(", ", parts);
  }

  @Override
  public Future<ProxyResponse> onRequest(Exchange exchange) {
    String[] keys = new String[limits.length];
    for (int i = 0; i < limits.length; i++) {
      keys[i] = limits[i].keys().resolve(exchange);
      if (keys[i] == null) return keyMissing(exchange, limits[i]);
    }
    if (!redis) {
      Decision[] decisions = new Decision[limits.length];
      for (int i = 0; i < limits.length; i++) decisions[i] = limits[i].local().tryAcquire(keys[i]);
      return conclude(exchange, decisions);
    }
    Context context = Vertx.currentContext() != null ? Vertx.currentContext() : vertx.getOrCreateContext();
    List<Future<Decision>> calls = new ArrayList<>(limits.length);
    for (int i = 0; i < limits.length; i++) {
      Limit limit = limits[i];
      String key = keys[i];
      calls.add(limit.redis().tryAcquire(key, context).recover(e -> backendFailed(exchange, limit, key, e)));
    }
    return Future.all(calls).transform(ar -> {
      if (ar.failed()) {
        if (ar.cause() instanceof Unavailable) {
          return Future.succeededFuture(exchange.problem(unavailable()));
        }
        return Future.failedFuture(ar.cause());
      }
      Decision[] decisions = new Decision[limits.length];
      for (int i = 0; i < limits.length; i++) decisions[i] = ar.result().resultAt(i);
      return conclude(exchange, decisions);
    });
  }

  private Future<ProxyResponse> conclude(Exchange exchange, Decision[] decisions) {
    Decision shown = null;
    Decision hit = null;
    for (int i = 0; i < decisions.length; i++) {
      Decision d = decisions[i];
      RateLimitMetrics meters = limits[i].meters();
      if (d.allowed()) {
        meters.allowed.increment();
      } else {
        meters.limited.increment();
        if (hit == null || d.retryNanos() > hit.retryNanos()) hit = d;
      }
      if (shown == null || d.moreRestrictiveThan(shown)) shown = d;
    }
    if (headers) show(exchange, hit != null ? hit : shown);
    if (hit == null) return exchange.proceed();
    exchange.mark("rate-limited", hit.limit().name());
    long retry = Math.max(1, Decision.seconds(hit.retryNanos()));
    return Future.succeededFuture(exchange.problem(new Problem(429, "rate-limited", "Too Many Requests",
        "Rate limit '" + hit.limit().name() + "' (" + hit.limit().describe() + " per " + hit.limit().key()
            + ") exceeded; retry in " + retry + " s").withRetryAfter(retry)));
  }

  private Future<Decision> backendFailed(Exchange exchange, Limit limit, String key, Throwable cause) {
    backendFailures.increment();
    exchange.mark("rate-limit-backend-failed", RedisBackend.rootMessage(cause));
    long now = System.nanoTime();
    long last = lastWarning;
    // One line per route every few seconds: during an outage every request fails the same way.
    if (now - last >= WARNING_INTERVAL_NANOS || last == 0) {
      lastWarning = now;
      log.warn("route {}: rate limit '{}' cannot use Redis ({}); failing {} (counted in "
          + "gateway_rate_limit_backend_failures_total)", route, limit.config().name(),
          RedisBackend.rootMessage(cause), failClosed ? "closed" : "open");
    }
    if (failClosed) return Future.failedFuture(Unavailable.INSTANCE);
    return Future.succeededFuture(limit.local().tryAcquire(key));
  }

  private Problem unavailable() {
    return new Problem(503, "rate-limit-unavailable", "Service Unavailable",
        "Route '" + route + "' is rate limited and its rate-limit store cannot be reached").withRetryAfter(1);
  }

  private Future<ProxyResponse> keyMissing(Exchange exchange, Limit limit) {
    limit.meters().refused.increment();
    exchange.mark("rate-limit-key-missing", limit.config().name());
    return Future.succeededFuture(exchange.problem(new Problem(403, "rate-limit-key-missing", "Forbidden",
        "Rate limit '" + limit.config().name() + "' counts requests per " + limit.config().key()
            + " and this request names none (" + limit.config().header() + ")")));
  }

  /** Keeps the most restrictive answer for the response side; a second rate-limit policy adds to it. */
  private void show(Exchange exchange, Decision decision) {
    Shown shown = exchange.attachment(Shown.class);
    if (shown == null) {
      exchange.attach(Shown.class, new Shown(decision, policyHeader));
    } else if (decision.moreRestrictiveThan(shown.decision)) {
      shown.decision = decision;
      shown.policy = policyHeader;
    }
  }

  @Override
  public Future<ProxyResponse> onResponse(Exchange exchange, ProxyResponse response) {
    Shown shown = headers ? exchange.attachment(Shown.class) : null;
    if (shown != null) {
      Decision d = shown.decision;
      MultiMap h = response.headers();
      h.set(LIMIT, Long.toString(d.limit().capacity()));
      h.set(REMAINING, Long.toString(d.remaining()));
      h.set(RESET, Long.toString(Decision.seconds(d.resetNanos())));
      h.set(POLICY, shown.policy);
    }
    return Future.succeededFuture(response);
  }

  @Override
  public synchronized void close() {
    if (closed) return;
    closed = true;
    release.run();
  }

  /** The answer the response headers report. */
  private static final class Shown {
    Decision decision;
    String policy;

    Shown(Decision decision, String policy) {
      this.decision = decision;
      this.policy = policy;
    }
  }

  /** Redis failed and the policy fails closed. */
  private static final class Unavailable extends RuntimeException {
    static final Unavailable INSTANCE = new Unavailable();

    private Unavailable() {
      super("rate-limit store unavailable", null, false, false);
    }
  }
}
