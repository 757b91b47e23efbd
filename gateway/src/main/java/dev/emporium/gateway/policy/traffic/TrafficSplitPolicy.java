package dev.emporium.gateway.policy.traffic;

import dev.emporium.gateway.policy.Exchange;
import dev.emporium.gateway.policy.Policy;
import dev.emporium.gateway.policy.ProxyResponse;
import io.vertx.core.Future;

/**
 * Sends each request of a route to one of several clusters (versions of a service): by the first
 * matching header or cookie rule, else by weight, optionally sticky per user. Only the request
 * side runs; the choice is made once, so retries stay on the chosen cluster.
 */
public final class TrafficSplitPolicy implements Policy {

  private final LiveSplit live;

  TrafficSplitPolicy(LiveSplit live) {
    this.live = live;
  }

  /** The route's live split, which the admin API reads and changes. */
  public LiveSplit live() {
    return live;
  }

  @Override
  public Future<ProxyResponse> onRequest(Exchange exchange) {
    SplitTable.Decision decision = live.table().decide(exchange);
    exchange.upstreamCluster(decision.cluster());
    decision.counter().increment();
    exchange.mark("split", decision.detail());
    return exchange.proceed();
  }
}
