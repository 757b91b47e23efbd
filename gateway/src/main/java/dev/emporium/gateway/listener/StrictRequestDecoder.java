package dev.emporium.gateway.listener;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.http.Http1ServerConfig;
import io.vertx.core.http.impl.http1.VertxHttpRequestDecoder;
import java.util.List;

/**
 * The HTTP/1.x request decoder of a listener connection: the one Vert.x configures, plus what it
 * leaves out at the edge.
 *
 * <ul>
 *   <li>A head with obsolete line folding (a header line starting with a space or tab) is refused;
 *       Netty would join the lines, which RFC 9112 allows, but folding is a request-smuggling tool
 *       and no current client sends it.
 *   <li>A version other than HTTP/1.0 or HTTP/1.1 is refused (Vert.x would answer a bare 501).
 *   <li>A chunked body whose framing breaks after the head went through (a bad chunk size, a
 *       missing CRLF) is reported to {@link Events#bodyMalformed()} instead of to Vert.x, which
 *       would drop the connection without a word; the gateway answers 400 and closes.
 *   <li>It tells when a request head starts and when it is complete, so the header read timeout
 *       runs while a head trickles in and not while a keep-alive connection waits.
 * </ul>
 *
 * A refused head is handed on with a failed decoder result, which sends it to
 * {@link InvalidRequests}; after any refusal the rest of the connection's input is dropped.
 */
final class StrictRequestDecoder extends VertxHttpRequestDecoder {

  /** What the decoder tells the listener about the connection it decodes. */
  interface Events {
    /** The first byte of a request head arrived. */
    void headStarted();

    /** A request head is complete (valid or not). */
    void headComplete();

    /** The body of the request in progress turned out to be malformed; nothing more will be read. */
    void bodyMalformed();
  }

  /** A header line started with whitespace: obs-fold, or whitespace before the first header. */
  static final class ObsoleteLineFolding extends Exception {
    ObsoleteLineFolding() {
      super("obsolete line folding in the request head", null, false, false);
    }
  }

  /** The request line named a version other than HTTP/1.0 or HTTP/1.1. */
  static final class UnsupportedVersion extends Exception {
    UnsupportedVersion() {
      super("unsupported HTTP version", null, false, false);
    }
  }

  private final Events events;
  /** Whether the bytes consumed next belong to a request head (as opposed to a body). */
  private boolean inHead = true;
  /** Whether the current head's first byte was consumed (empty lines before it do not count). */
  private boolean headStarted;
  /** Whether {@link Events#headStarted()} was told about the current head. */
  private boolean headAnnounced;
  /** Line feeds seen in the current head once its request line started. */
  private int lineFeeds;
  private byte previous;
  private boolean folded;
  private boolean failed;

  StrictRequestDecoder(Http1ServerConfig config, Events events) {
    super(config);
    this.events = events;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
    if (failed) {
      in.skipBytes(in.readableBytes());
      return;
    }
    int start = in.readerIndex();
    int emitted = out.size();
    super.decode(ctx, in, out);
    // Netty returns right after it emits a head, so while in a head every byte consumed by one
    // call belongs to that head, and none of the body that follows.
    if (inHead && in.readerIndex() > start) scanHead(in, start, in.readerIndex());
    for (int i = emitted; i < out.size(); i++) {
      Object message = out.get(i);
      if (message instanceof HttpRequest request) {
        headDone(request);
      } else if (message instanceof HttpContent content && content.decoderResult().isFailure()) {
        out.remove(i);
        ReferenceCountUtil.release(content);
        fail(in);
        events.bodyMalformed();
        return;
      }
      if (message instanceof LastHttpContent) inHead = true;
      if (failed) {
        in.skipBytes(in.readableBytes());
        return;
      }
    }
    // A head still incomplete after this read starts the clock. The decoder consumes a line only
    // once it is complete, so what has arrived counts, not only what was consumed: a request
    // line can trickle too. A head that arrives whole never starts it.
    if (inHead && !headAnnounced && (headStarted || firstHeadByte(in) >= 0)) {
      headAnnounced = true;
      events.headStarted();
    }
  }

  /** The index of the first byte that is not part of the empty lines allowed before a request, or -1. */
  private static int firstHeadByte(ByteBuf in) {
    for (int i = in.readerIndex(); i < in.writerIndex(); i++) {
      byte b = in.getByte(i);
      if (b != '\r' && b != '\n') return i;
    }
    return -1;
  }

  private void scanHead(ByteBuf in, int from, int to) {
    for (int i = from; i < to; i++) {
      byte b = in.getByte(i);
      if (!headStarted) {
        if (b == '\r' || b == '\n') continue;
        headStarted = true;
      }
      if ((b == ' ' || b == '\t') && previous == '\n' && lineFeeds > 0) folded = true;
      if (b == '\n') lineFeeds++;
      previous = b;
    }
  }

  private void headDone(HttpRequest request) {
    inHead = false;
    headStarted = false;
    headAnnounced = false;
    lineFeeds = 0;
    previous = 0;
    events.headComplete();
    if (request.decoderResult().isFailure()) {
      failed = true;
    } else if (folded) {
      request.setDecoderResult(DecoderResult.failure(new ObsoleteLineFolding()));
      failed = true;
    } else if (!isHttp1(request.protocolVersion())) {
      // Vert.x answers an unknown version itself unless the request reads as HTTP/1.1.
      request.setProtocolVersion(HttpVersion.HTTP_1_1);
      request.setDecoderResult(DecoderResult.failure(new UnsupportedVersion()));
      failed = true;
    }
    folded = false;
  }

  private static boolean isHttp1(HttpVersion version) {
    return version.majorVersion() == 1 && (version.minorVersion() == 0 || version.minorVersion() == 1);
  }

  private void fail(ByteBuf in) {
    failed = true;
    in.skipBytes(in.readableBytes());
  }
}
