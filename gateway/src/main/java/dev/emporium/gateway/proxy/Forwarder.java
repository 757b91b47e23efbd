package dev.emporium.gateway.proxy;

import dev.emporium.gateway.observe.Tracing;
import dev.emporium.gateway.policy.ProxyResponse;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/** The last link of every chain: sends the exchange to its route's cluster. */
final class Forwarder {

  final Vertx vertx;
  final UpstreamClients clients;
  final Tracing tracing;

  Forwarder(Vertx vertx, UpstreamClients clients, Tracing tracing) {
    this.vertx = vertx;
    this.clients = clients;
    this.tracing = tracing;
  }

  Future<ProxyResponse> forward(DefaultExchange exchange) {
    return new UpstreamCall(this, exchange).start();
  }
}
