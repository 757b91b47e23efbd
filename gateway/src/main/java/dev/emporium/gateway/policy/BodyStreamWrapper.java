package dev.emporium.gateway.policy;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * A body stream that changes or watches the data passing through while flow control stays the
 * source's own: pausing, resuming or fetching from the wrapper does the same to the source, so a
 * slow client still slows the upstream. Subclasses supply the data, end and error handlers.
 */
public abstract class BodyStreamWrapper implements ReadStream<Buffer> {

  protected final ReadStream<Buffer> source;

  protected BodyStreamWrapper(ReadStream<Buffer> source) {
    this.source = source;
  }

  @Override
  public final ReadStream<Buffer> pause() {
    source.pause();
    return this;
  }

  @Override
  public final ReadStream<Buffer> resume() {
    source.resume();
    return this;
  }

  @Override
  public final ReadStream<Buffer> fetch(long amount) {
    source.fetch(amount);
    return this;
  }
}
