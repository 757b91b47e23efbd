package dev.emporium.gateway.policy.cache;

import dev.emporium.gateway.policy.BodyStreamWrapper;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.util.function.Consumer;

/**
 * A response body on its way to the client that the cache copies as it passes, so that storing a
 * response never delays or holds it. The copy is handed over only when the body ended normally
 * within {@code limit} bytes; past the limit it is dropped and the body streams on uncached.
 */
final class CapturingStream extends BodyStreamWrapper {

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(CapturingStream.class);

  private final long limit;
  private final Consumer<byte[]> onComplete;
  private Buffer copy = Buffer.buffer();

  CapturingStream(ReadStream<Buffer> source, long limit, Consumer<byte[]> onComplete) {
    super(source);
    this.limit = limit;
    this.onComplete = onComplete;
  }

  @Override
  public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
    source.exceptionHandler(handler == null ? null : e -> {
      copy = null;
      handler.handle(e);
    });
    return this;
  }

  @Override
  public ReadStream<Buffer> handler(Handler<Buffer> handler) {
    source.handler(handler == null ? null : chunk -> {
      if (copy != null) {
        if (copy.length() + chunk.length() > limit) {
          copy = null;
        } else {
          copy.appendBuffer(chunk);
        }
      }
      handler.handle(chunk);
    });
    return this;
  }

  @Override
  public ReadStream<Buffer> endHandler(Handler<Void> handler) {
    source.endHandler(handler == null ? null : v -> {
      Buffer complete = copy;
      copy = null;
      if (complete != null) {
        try {
          onComplete.accept(complete.getBytes());
        } catch (RuntimeException e) {
          // Storing is best effort: the client's response must end whatever the cache does.
          log.warn("cache: could not store a response", e);
        }
      }
      handler.handle(v);
    });
    return this;
  }
}
