package dev.emporium.gateway.policy;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.streams.ReadStream;

/**
 * The response on its way to the client: status and headers that policies may change, and a body
 * that is either still streaming from the upstream or complete in memory. Streaming bodies are
 * never read into memory unless a policy asks for them with {@link #buffer(long)}.
 */
public final class ProxyResponse {

  private int status;
  private final MultiMap headers;
  private ReadStream<Buffer> stream;
  private Buffer body;
  private final boolean fromUpstream;

  private ProxyResponse(int status, MultiMap headers, ReadStream<Buffer> stream, Buffer body, boolean fromUpstream) {
    this.status = status;
    this.headers = headers;
    this.stream = stream;
    this.body = body;
    this.fromUpstream = fromUpstream;
  }

  /** A response streaming from an upstream. */
  public static ProxyResponse streaming(int status, MultiMap headers, ReadStream<Buffer> body) {
    return new ProxyResponse(status, headers, body, null, true);
  }

  /** A complete response made by the gateway or a policy. */
  public static ProxyResponse of(int status, MultiMap headers, Buffer body) {
    return new ProxyResponse(status, headers, null, body == null ? Buffer.buffer() : body, false);
  }

  public static ProxyResponse of(int status, String contentType, Buffer body) {
    MultiMap headers = HttpHeaders.headers();
    if (contentType != null) headers.set(HttpHeaders.CONTENT_TYPE, contentType);
    return of(status, headers, body);
  }

  public int status() {
    return status;
  }

  public ProxyResponse status(int status) {
    this.status = status;
    return this;
  }

  public MultiMap headers() {
    return headers;
  }

  /** Whether the upstream produced it (as opposed to the gateway or a policy). */
  public boolean fromUpstream() {
    return fromUpstream;
  }

  /** The Content-Length header's value, or -1 when there is none or it is not a number. */
  public long declaredLength() {
    String length = headers.get(HttpHeaders.CONTENT_LENGTH);
    if (length == null) return -1;
    try {
      return Long.parseLong(length.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  public boolean isStreaming() {
    return stream != null;
  }

  /** The streaming body, or null once buffered or when made in memory. */
  public ReadStream<Buffer> stream() {
    return stream;
  }

  /** The complete body, or null while it streams. */
  public Buffer body() {
    return body;
  }

  /** Replaces the body; Content-Length is corrected when written. */
  public ProxyResponse body(Buffer body) {
    this.stream = null;
    this.body = body;
    return this;
  }

  /**
   * Reads a streaming body into memory, failing with {@link BodyTooLargeException} past
   * {@code limit} bytes. A complete body is returned as it is.
   */
  public Future<ProxyResponse> buffer(long limit) {
    if (stream == null) return Future.succeededFuture(this);
    ReadStream<Buffer> source = stream;
    Buffer collected = Buffer.buffer();
    io.vertx.core.Promise<ProxyResponse> promise = io.vertx.core.Promise.promise();
    source.exceptionHandler(promise::tryFail);
    source.handler(chunk -> {
      if (collected.length() + chunk.length() > limit) {
        source.pause();
        promise.tryFail(new BodyTooLargeException(limit));
        return;
      }
      collected.appendBuffer(chunk);
    });
    source.endHandler(v -> {
      stream = null;
      body = collected;
      promise.tryComplete(this);
    });
    source.resume();
    return promise.future();
  }

  /** A body was larger than a configured limit. */
  public static final class BodyTooLargeException extends RuntimeException {
    private final long limit;

    public BodyTooLargeException(long limit) {
      super("body larger than " + limit + " bytes", null, false, false);
      this.limit = limit;
    }

    public long limit() {
      return limit;
    }
  }
}
