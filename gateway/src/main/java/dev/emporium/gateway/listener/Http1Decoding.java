package dev.emporium.gateway.listener;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslHandler;
import io.vertx.core.http.Http1ServerConfig;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.impl.http1.VertxHttpRequestDecoder;
import io.vertx.core.http.impl.tcp.Http1xOrH2CHandler;
import io.vertx.core.net.impl.ConnectionBase;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a {@link StrictRequestDecoder} in place of the request decoder Vert.x gives an HTTP/1.x
 * connection, before it decodes a byte. Vert.x has no public hook for its decoder, so this works
 * on the Netty pipeline; the listener tests pin the handler names and classes it relies on.
 *
 * <p>There are two moments to do it. On a TLS listener Vert.x builds the HTTP/1.x pipeline after
 * the handshake and calls the connection handler right then, before any request: the swap happens
 * there ({@link #onConnection}). On a clear-text listener with h2c, Vert.x waits for the first
 * bytes to tell HTTP/1.x from the HTTP/2 preface, builds the pipeline, and only calls the
 * connection handler once the first request head is decoded: too late. There a handler put in
 * front at accept ({@link #atAccept}) hands the first bytes over one at a time until Vert.x has
 * chosen, swaps the decoder it just added, then passes the rest.
 */
final class Http1Decoding {

  private static final Logger log = LoggerFactory.getLogger(Http1Decoding.class);
  static final String DECODER = "httpDecoder";
  private static final AtomicBoolean warned = new AtomicBoolean();

  private Http1Decoding() {}

  /** The handler to put first on a connection accepted by a clear-text listener. */
  static ChannelHandler atAccept(Http1ServerConfig config, long headerReadTimeoutMs) {
    return new FirstBytes(config, headerReadTimeoutMs);
  }

  /**
   * Called from the connection handler. Swaps the decoder when Vert.x has built the pipeline but
   * not yet read a request (TLS), and returns the connection's edge state; null when the
   * connection is not guarded (HTTP/2, or the swap is not possible).
   */
  static ConnectionEdge onConnection(HttpConnection connection, Http1ServerConfig config, long headerReadTimeoutMs) {
    if (!(connection instanceof ConnectionBase base)) return unavailable("the connection is a " + connection.getClass());
    Channel channel = base.channel();
    ChannelPipeline pipeline = channel.pipeline();
    ChannelHandler decoder = pipeline.get(DECODER);
    if (decoder instanceof StrictRequestDecoder) return ConnectionEdge.of(channel, headerReadTimeoutMs);
    if (!(decoder instanceof VertxHttpRequestDecoder)) {
      return unavailable("no Vert.x request decoder named '" + DECODER + "' in " + pipeline.names());
    }
    if (pipeline.get(SslHandler.class) == null) {
      // Clear text: the accept handler swaps the decoder at the first bytes; without it, the
      // first head may have been decoded already and a swap now would split a request.
      return pipeline.get(FirstBytes.class) != null
          ? ConnectionEdge.of(channel, headerReadTimeoutMs)
          : unavailable("the clear-text connection was not prepared at accept");
    }
    ConnectionEdge edge = ConnectionEdge.of(channel, headerReadTimeoutMs);
    pipeline.replace(DECODER, DECODER, new StrictRequestDecoder(config, edge));
    return edge;
  }

  private static ConnectionEdge unavailable(String why) {
    if (warned.compareAndSet(false, true)) {
      log.error("cannot install the strict HTTP/1.x request decoder ({}); obs-fold, malformed chunked bodies and the "
          + "header read timeout are not enforced", why);
    }
    return null;
  }

  /** Feeds the first bytes of a clear-text connection so that the decoder can be swapped in time. */
  private static final class FirstBytes extends ChannelInboundHandlerAdapter {

    private final Http1ServerConfig config;
    private final long headerReadTimeoutMs;

    FirstBytes(Http1ServerConfig config, long headerReadTimeoutMs) {
      this.config = config;
      this.headerReadTimeoutMs = headerReadTimeoutMs;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
      if (ctx.channel().isActive()) ConnectionEdge.of(ctx.channel(), headerReadTimeoutMs);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      ConnectionEdge.of(ctx.channel(), headerReadTimeoutMs);
      ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ChannelPipeline pipeline = ctx.pipeline();
      if (!(msg instanceof ByteBuf bytes) || pipeline.get(SslHandler.class) != null) {
        pipeline.remove(this);
        ctx.fireChannelRead(msg);
        return;
      }
      // Vert.x's sniffer decides after one byte for HTTP/1.x ("G", "PO"...), after 24 for the
      // HTTP/2 preface; a request decoder keeps an incomplete line unread, so nothing is lost.
      while (bytes.isReadable() && pipeline.get(Http1xOrH2CHandler.class) != null) {
        ctx.fireChannelRead(bytes.readRetainedSlice(1));
      }
      if (pipeline.get(Http1xOrH2CHandler.class) != null) {
        // Not decided yet ("P" could start POST or the preface): wait for the next bytes.
        bytes.release();
        return;
      }
      ChannelHandler decoder = pipeline.get(DECODER);
      ConnectionEdge edge = ConnectionEdge.of(ctx.channel(), headerReadTimeoutMs);
      if (decoder instanceof VertxHttpRequestDecoder && !(decoder instanceof StrictRequestDecoder)) {
        pipeline.replace(DECODER, DECODER, new StrictRequestDecoder(config, edge));
      } else if (decoder == null) {
        // HTTP/2 with prior knowledge: its own framing and timeouts apply, not the head clock.
        edge.headComplete();
      }
      pipeline.remove(this);
      if (bytes.isReadable()) {
        ctx.fireChannelRead(bytes);
      } else {
        bytes.release();
      }
    }
  }
}
