package dev.emporium.gateway.policy.mirror;

import dev.emporium.gateway.policy.ClusterRequest;
import dev.emporium.gateway.policy.Exchange;
import dev.emporium.gateway.policy.Policy;
import dev.emporium.gateway.policy.PolicyContext;
import dev.emporium.gateway.policy.ProxyResponse;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends a copy of the request to a shadow cluster and forgets it: the client's request proceeds at
 * once and never waits for, nor learns of, the copy. The copy is the request as it would go
 * upstream at this point of the chain. Its body, when it has one, is copied as it streams to the
 * real upstream and the copy leaves once the client has sent all of it; a body over
 * {@code maxBodySize} is not mirrored. Copies in flight are capped; past the cap they are dropped.
 */
final class MirrorPolicy implements Policy {

  /** Set on every copy, so the shadow service can tell it from real traffic. */
  static final String MIRROR_HEADER = "X-Mirrored-From";

  private final MirrorConfig config;
  private final String route;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Counter mirrored;
  private final Counter dropped;
  private final Counter failed;

  MirrorPolicy(MirrorConfig config, PolicyContext context) {
    this.config = config;
    this.route = context.routeName();
    this.mirrored = counter(context.meters(), "mirrored");
    this.dropped = counter(context.meters(), "dropped");
    this.failed = counter(context.meters(), "failed");
  }

  private Counter counter(MeterRegistry meters, String result) {
    return Counter.builder("gateway.mirror.requests")
        .description("Request copies for a shadow cluster: mirrored (answered, any status), failed (no answer "
            + "in time), dropped (over maxConcurrent or maxBodySize)")
        .tags("route", route, "cluster", config.cluster(), "result", result)
        .register(meters);
  }

  @Override
  public Future<ProxyResponse> onRequest(Exchange exchange) {
    if (config.share() < 1.0 && ThreadLocalRandom.current().nextDouble() >= config.share()) return exchange.proceed();
    try {
      copy(exchange);
    } catch (RuntimeException e) {
      // A copy must never cost the client its request.
      failed.increment();
      exchange.mark("mirror-failed", e.toString());
    }
    return exchange.proceed();
  }

  private void copy(Exchange exchange) {
    String declared = exchange.request().getHeader(HttpHeaders.CONTENT_LENGTH);
    if (declared != null && isLarger(declared, config.maxBodySize().bytes())) {
      drop(exchange, "body over maxBodySize");
      return;
    }
    String method = exchange.request().method().name();
    String query = exchange.upstreamQuery();
    String uri = query == null ? exchange.upstreamPath() : exchange.upstreamPath() + '?' + query;
    MultiMap headers = HttpHeaders.headers().addAll(exchange.upstreamHeaders());
    headers.set(MIRROR_HEADER, route);
    exchange.requestBodyCopy(config.maxBodySize().bytes()).onComplete(ar -> {
      if (ar.failed()) {
        drop(exchange, "body: " + ar.cause().getMessage());
        return;
      }
      send(exchange, method, uri, headers, ar.result());
    });
  }

  private void send(Exchange exchange, String method, String uri, MultiMap headers, Buffer body) {
    if (inFlight.incrementAndGet() > config.maxConcurrent()) {
      inFlight.decrementAndGet();
      drop(exchange, "maxConcurrent " + config.maxConcurrent() + " copies in flight");
      return;
    }
    boolean hasBody = body.length() > 0 || headers.contains(HttpHeaders.CONTENT_LENGTH);
    Future<?> sent;
    try {
      // The shadow's answer is read (up to the body limit) and discarded.
      sent = exchange.clusters().send(new ClusterRequest(config.cluster(), method, uri, headers,
          hasBody ? body : null, config.timeout(), 0));
    } catch (RuntimeException e) {
      sent = Future.failedFuture(e);
    }
    sent.onComplete(ar -> {
      inFlight.decrementAndGet();
      if (ar.succeeded()) {
        mirrored.increment();
      } else {
        failed.increment();
      }
    });
  }

  private void drop(Exchange exchange, String why) {
    dropped.increment();
    exchange.mark("mirror-dropped", why);
  }

  private static boolean isLarger(String contentLength, long limit) {
    try {
      return Long.parseLong(contentLength.trim()) > limit;
    } catch (NumberFormatException e) {
      return true;
    }
  }
}
