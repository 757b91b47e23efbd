package dev.emporium.gateway.policy.compress;

import dev.emporium.gateway.policy.BodyStreamWrapper;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * A response body compressed as it streams: each piece from the upstream is compressed and passed
 * on, never the whole body held. Flow control is the source's: pausing this pauses the upstream.
 */
final class CompressingStream extends BodyStreamWrapper {

  private final Encoder encoder;
  private final CompressMeters meters;
  private Handler<Buffer> handler;

  CompressingStream(ReadStream<Buffer> source, Encoder encoder, CompressMeters meters) {
    super(source);
    this.encoder = encoder;
    this.meters = meters;
  }

  @Override
  public ReadStream<Buffer> exceptionHandler(Handler<Throwable> h) {
    source.exceptionHandler(h == null ? null : e -> {
      encoder.close();
      h.handle(e);
    });
    return this;
  }

  @Override
  public ReadStream<Buffer> handler(Handler<Buffer> h) {
    this.handler = h;
    source.handler(h == null ? null : piece -> {
      Buffer compressed = encoder.encode(piece);
      meters.bytes(piece.length(), compressed.length());
      if (compressed.length() > 0) h.handle(compressed);
    });
    return this;
  }

  @Override
  public ReadStream<Buffer> endHandler(Handler<Void> h) {
    source.endHandler(h == null ? null : v -> {
      Buffer tail = encoder.finish();
      meters.bytes(0, tail.length());
      if (tail.length() > 0 && handler != null) handler.handle(tail);
      h.handle(v);
    });
    return this;
  }
}
