package dev.emporium.gateway.listener;

import dev.emporium.gateway.config.LimitsConfig;
import dev.emporium.gateway.config.ListenerConfig;
import dev.emporium.gateway.observe.GatewayMetrics;
import dev.emporium.gateway.proxy.ProxyPipeline;
import dev.emporium.gateway.runtime.GatewayRuntime;
import dev.emporium.gateway.upstream.Cluster;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.ServerSSLOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One event loop's share of the gateway: a server per listener (Vert.x spreads connections over
 * the instances) and the pipeline that handles their requests.
 */
public final class ListenerVerticle extends VerticleBase {

  private final GatewayRuntime runtime;
  private final List<ListenerConfig> listeners;
  private final LimitsConfig limits;
  private final EdgeTransport edge;
  private final Map<String, HttpServer> servers = new LinkedHashMap<>();
  private ProxyPipeline pipeline;

  public ListenerVerticle(GatewayRuntime runtime, List<ListenerConfig> listeners, LimitsConfig limits,
      EdgeTransport edge) {
    this.runtime = runtime;
    this.listeners = listeners;
    this.limits = limits;
    this.edge = edge;
  }

  @Override
  public Future<?> start() {
    pipeline = new ProxyPipeline(vertx, runtime);
    GatewayMetrics metrics = runtime.metrics();
    List<Future<HttpServer>> bound = new ArrayList<>();
    for (ListenerConfig listener : listeners) {
      AtomicInteger active = metrics.connections(listener.name());
      Counter opened = metrics.connectionsOpened(listener.name());
      HttpServerOptions options = ListenerOptions.server(listener, limits);
      if (listener.tls() == null) {
        edge.guard(listener.port(), options.getHttp1Config(), limits.headerReadTimeout().toMillis());
      }
      HttpServer server = vertx.createHttpServer(options)
          .requestHandler(pipeline)
          .invalidRequestHandler(new InvalidRequests(limits, runtime))
          .connectionHandler(connection -> {
            active.incrementAndGet();
            opened.increment();
            guardHttp1(connection, options);
            connection.closeHandler(v -> active.decrementAndGet());
          });
      servers.put(listener.name(), server);
      bound.add(server.listen());
    }
    return Future.all(bound);
  }

  /**
   * Completes the edge set-up of an HTTP/1.x connection (see {@link Http1Decoding}) and tells it
   * where malformed bodies go. HTTP/2 connections have their own framing and need none of it.
   */
  private void guardHttp1(HttpConnection connection, HttpServerOptions options) {
    if (connection.protocolVersion() == HttpVersion.HTTP_2) return;
    ConnectionEdge connectionEdge = Http1Decoding.onConnection(connection, options.getHttp1Config(),
        limits.headerReadTimeout().toMillis());
    if (connectionEdge != null) connectionEdge.onBodyMalformed(v -> pipeline.bodyMalformed(connection));
  }

  /** The port each listener is bound to, by name. */
  public Map<String, Integer> boundPorts() {
    Map<String, Integer> ports = new LinkedHashMap<>();
    servers.forEach((name, server) -> ports.put(name, server.actualPort()));
    return ports;
  }

  /** Stops accepting, and lets requests in flight finish within {@code grace}. */
  public Future<Void> shutdown(Duration grace) {
    io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
    context.runOnContext(v -> {
      List<Future<Void>> closing = new ArrayList<>();
      for (HttpServer server : servers.values()) closing.add(server.shutdown(grace));
      Future.join(closing).onComplete(ar -> {
        pipeline.close(Duration.ofSeconds(1));
        done.tryComplete();
      });
    });
    return done.future();
  }

  public Future<Boolean> updateTls(String listener, ServerSSLOptions options) {
    HttpServer server = servers.get(listener);
    return server == null ? Future.succeededFuture(false) : server.updateSSLOptions(options, true);
  }

  public void retire(Cluster cluster, Duration grace) {
    context.runOnContext(v -> pipeline.retire(cluster, grace));
  }
}
