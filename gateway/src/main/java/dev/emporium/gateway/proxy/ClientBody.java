package dev.emporium.gateway.proxy;

import dev.emporium.gateway.policy.ProxyResponse.BodyTooLargeException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.streams.ReadStream;

/**
 * The client's request body on its way upstream. It streams with the client's own backpressure,
 * enforces the body size limit as bytes arrive (so a chunked upload cannot slip past it), and keeps
 * a copy of small bodies so that an attempt that failed mid-upload can be sent again.
 */
final class ClientBody implements ReadStream<Buffer> {

  private final HttpServerRequest request;
  private final long maxBytes;
  private final Handler<BodyTooLargeException> onTooLarge;
  private Buffer kept;
  private final long keepLimit;
  private long received;
  private boolean started;
  private boolean complete;
  private boolean failed;
  private boolean pausedByConsumer;
  private long lastChunkNanos = System.nanoTime();
  private final Promise<Void> completion = Promise.promise();
  private Handler<Buffer> handler;
  private Handler<Void> endHandler;
  private Handler<Throwable> exceptionHandler;
  private Runnable onFirstData;
  /** A policy's copy of the body, filled as chunks pass ({@link DefaultExchange#requestBodyCopy}). */
  private Promise<Buffer> tap;
  private Buffer tapped;
  private long tapLimit;

  /**
   * @param maxBytes the body size limit, 0 for none
   * @param keepLimit keep a copy of bodies up to this size, 0 to keep none
   * @param onTooLarge told once when the limit is passed
   */
  ClientBody(HttpServerRequest request, long maxBytes, long keepLimit, Handler<BodyTooLargeException> onTooLarge) {
    this.request = request;
    this.maxBytes = maxBytes;
    this.keepLimit = keepLimit;
    this.kept = keepLimit > 0 ? Buffer.buffer() : null;
    this.onTooLarge = onTooLarge;
    request.handler(this::onData);
    request.endHandler(this::onEnd);
    request.exceptionHandler(this::onError);
  }

  /** Copies the body, up to {@code limit} bytes, as it passes; to be called before any of it has. */
  void tap(long limit, Promise<Buffer> copy) {
    this.tap = copy;
    this.tapped = Buffer.buffer();
    this.tapLimit = limit;
  }

  /** Whether any of the body has been handed to an upstream attempt. */
  boolean started() {
    return started;
  }

  boolean complete() {
    return complete;
  }

  long received() {
    return received;
  }

  /** Completes when the client has sent the whole body; fails never (a broken body just never completes). */
  Future<Void> completion() {
    return completion.future();
  }

  /**
   * Whether the body is stalled by whoever consumes it (the upstream stopped reading) rather than
   * by the client, and since when no chunk has passed; an upstream that stops reading an upload for
   * its idle timeout is given up on, while a slow client is left to the listener's idle timeout.
   */
  boolean stalledByConsumerSince(long nanos) {
    return pausedByConsumer && !complete && lastChunkNanos <= nanos;
  }

  /** The whole body, when it has been read and was small enough to keep; else null. */
  Buffer keptCopy() {
    return complete && kept != null ? kept : null;
  }

  private void onData(Buffer chunk) {
    if (failed) return;
    received += chunk.length();
    lastChunkNanos = System.nanoTime();
    if (maxBytes > 0 && received > maxBytes) {
      failed = true;
      request.pause();
      BodyTooLargeException error = new BodyTooLargeException(maxBytes);
      onTooLarge.handle(error);
      if (tap != null) tap.tryFail(error);
      if (exceptionHandler != null) exceptionHandler.handle(error);
      return;
    }
    if (kept != null) {
      if (kept.length() + chunk.length() <= keepLimit) {
        kept.appendBuffer(chunk);
      } else {
        kept = null;
      }
    }
    if (tap != null) {
      if (tapped.length() + chunk.length() > tapLimit) {
        tap.tryFail(new BodyTooLargeException(tapLimit));
        tap = null;
        tapped = null;
      } else {
        tapped.appendBuffer(chunk);
      }
    }
    if (onFirstData != null && chunk.length() > 0) {
      Runnable first = onFirstData;
      onFirstData = null;
      first.run();
    }
    if (handler != null) handler.handle(chunk);
  }

  /** Runs {@code action} just before the first byte of body is handed on; never when the body is empty. */
  void onFirstData(Runnable action) {
    this.onFirstData = action;
  }

  private void onEnd(Void v) {
    if (failed) return;
    complete = true;
    completion.tryComplete();
    if (tap != null) tap.tryComplete(tapped);
    if (endHandler != null) endHandler.handle(null);
  }

  /** The body can no longer be trusted (its framing broke): fail whoever reads it, and read no more. */
  void fail(RuntimeException error) {
    if (failed) return;
    onError(error);
  }

  private void onError(Throwable error) {
    failed = true;
    if (tap != null) tap.tryFail(error);
    if (exceptionHandler != null) exceptionHandler.handle(error);
  }

  /** The client's chunked body broke its framing part way; what arrived of it must not pass for all of it. */
  static final class MalformedException extends RuntimeException {
    MalformedException() {
      super("malformed chunked request body", null, false, false);
    }
  }

  @Override
  public ClientBody exceptionHandler(Handler<Throwable> handler) {
    this.exceptionHandler = handler;
    return this;
  }

  @Override
  public ClientBody handler(Handler<Buffer> handler) {
    if (handler != null) started = true;
    this.handler = handler;
    return this;
  }

  @Override
  public ClientBody pause() {
    pausedByConsumer = true;
    lastChunkNanos = System.nanoTime();
    request.pause();
    return this;
  }

  @Override
  public ClientBody resume() {
    pausedByConsumer = false;
    request.resume();
    return this;
  }

  @Override
  public ClientBody fetch(long amount) {
    pausedByConsumer = false;
    request.fetch(amount);
    return this;
  }

  @Override
  public ClientBody endHandler(Handler<Void> endHandler) {
    this.endHandler = endHandler;
    return this;
  }
}
