package dev.emporium.gateway.proxy;

import dev.emporium.gateway.observe.GatewayMetrics;
import dev.emporium.gateway.observe.Tracing;
import dev.emporium.gateway.policy.ProxyResponse;
import io.netty.util.Timer;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/** The last link of every chain: sends the exchange to its route's cluster. */
final class Forwarder {

  final Vertx vertx;
  final UpstreamClients clients;
  final Tracing tracing;
  /** Coarse timer for attempt timeouts: scheduling and cancelling one per request must be cheap. */
  final Timer timeouts;
  /** The event loop this forwarder serves; timeouts fire back onto it. */
  final Context context;
  /** For calls policies make to clusters, which count in those clusters' upstream metrics. */
  final GatewayMetrics metrics;

  Forwarder(Vertx vertx, UpstreamClients clients, Tracing tracing, Timer timeouts, GatewayMetrics metrics) {
    this.vertx = vertx;
    this.clients = clients;
    this.tracing = tracing;
    this.timeouts = timeouts;
    this.context = vertx.getOrCreateContext();
    this.metrics = metrics;
  }

  Future<ProxyResponse> forward(DefaultExchange exchange) {
    return new UpstreamCall(this, exchange).start();
  }
}
