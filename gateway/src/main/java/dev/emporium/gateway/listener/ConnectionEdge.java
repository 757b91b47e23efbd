package dev.emporium.gateway.listener;

import dev.emporium.gateway.edge.SlowClientGuard;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import io.vertx.core.Handler;

/**
 * What the listener keeps about one HTTP/1.x connection at the edge: its header read clock, and
 * who to tell when the decoder finds a request body malformed. It exists from the moment the
 * strict decoder is put on the connection, which can be before Vert.x has made a connection object.
 */
final class ConnectionEdge implements StrictRequestDecoder.Events {

  private static final AttributeKey<ConnectionEdge> KEY = AttributeKey.valueOf(ConnectionEdge.class.getName());

  private final Channel channel;
  private final SlowClientGuard guard;
  private Handler<Void> onBodyMalformed;

  private ConnectionEdge(Channel channel, long headerReadTimeoutMs) {
    this.channel = channel;
    this.guard = new SlowClientGuard(channel.eventLoop(), headerReadTimeoutMs, channel::close);
    channel.closeFuture().addListener(f -> guard.closed());
  }

  /** The connection's edge state, made (and its header clock started) on first use. */
  static ConnectionEdge of(Channel channel, long headerReadTimeoutMs) {
    ConnectionEdge edge = channel.attr(KEY).get();
    if (edge == null) {
      edge = new ConnectionEdge(channel, headerReadTimeoutMs);
      channel.attr(KEY).set(edge);
      edge.guard.connected();
    }
    return edge;
  }

  /** Who handles a malformed body once the connection has its request handler; until then it closes. */
  void onBodyMalformed(Handler<Void> handler) {
    this.onBodyMalformed = handler;
  }

  @Override
  public void headStarted() {
    guard.headStarted();
  }

  @Override
  public void headComplete() {
    guard.headComplete();
  }

  @Override
  public void bodyMalformed() {
    if (onBodyMalformed != null) {
      onBodyMalformed.handle(null);
    } else {
      channel.close();
    }
  }
}
