package dev.emporium.gateway.proxy;

import dev.emporium.gateway.policy.ProxyResponse;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.NetSocket;
import io.vertx.core.streams.ReadStream;
import java.util.function.Consumer;

/**
 * Writes a response to the client: streamed with backpressure when it comes from an upstream, in
 * one piece when the gateway or a policy made it. An upstream that fails mid-body makes the client
 * connection close (or its HTTP/2 stream reset) rather than end normally, so a truncated body is
 * never mistaken for a complete one.
 */
final class ResponseWriter {

  /** Request bodies up to this size are read and dropped after an early response; beyond, the connection closes. */
  private static final long DISCARD_LIMIT = 64 * 1024;

  private final Consumer<DefaultExchange> onDone;

  ResponseWriter(Consumer<DefaultExchange> onDone) {
    this.onDone = onDone;
  }

  void write(DefaultExchange ex, ProxyResponse response) {
    HttpServerRequest request = ex.request;
    HttpServerResponse out = request.response();
    if (ex.aborted || out.ended()) {
      onDone.accept(ex);
      return;
    }
    if (ex.upstreamSocket != null && response.status() == 101) {
      tunnel(ex, response);
      return;
    }
    ex.status = response.status();
    out.setStatusCode(response.status());
    MultiMap headers = out.headers();
    headers.addAll(response.headers());
    headers.set(ex.state.config().server().requestIdHeader(), ex.requestId);
    boolean http1 = request.version() != HttpVersion.HTTP_2;
    boolean bodyless = request.method() == HttpMethod.HEAD || response.status() == 204 || response.status() == 304
        || response.status() < 200;
    if (!response.fromUpstream() || ex.closeConnection) settleUnreadRequestBody(ex, headers, http1);

    if (response.isStreaming()) {
      ReadStream<Buffer> body = response.stream();
      if (!bodyless && http1 && !headers.contains(HttpHeaders.CONTENT_LENGTH)) {
        if (request.version() == HttpVersion.HTTP_1_1) {
          out.setChunked(true);
        } else {
          headers.set(HttpHeaders.CONNECTION, "close");
        }
      }
      body.pipe().endOnFailure(false).to(out).onComplete(ar -> {
        if (ar.failed() && !out.ended()) {
          if (ex.error == null) ex.error = ex.aborted ? "client-closed" : "upstream-body-failed";
          if (ex.cancelUpstream != null) ex.cancelUpstream.run();
          out.reset();
        }
        onDone.accept(ex);
      });
    } else {
      Buffer body = response.body();
      headers.remove(HttpHeaders.TRANSFER_ENCODING);
      if (!bodyless || request.method() == HttpMethod.HEAD) {
        headers.set(HttpHeaders.CONTENT_LENGTH, Integer.toString(body.length()));
      }
      if (ex.closeConnection && http1) headers.set(HttpHeaders.CONNECTION, "close");
      out.end(bodyless ? Buffer.buffer() : body).onComplete(ar -> {
        if (ex.closeConnection && http1) request.connection().close();
        onDone.accept(ex);
      });
    }
  }

  /**
   * A response that does not come from an upstream may leave the client's body unread. A small
   * body is read and dropped so the connection can carry the next request; anything larger, or any
   * body after a framing error, closes the connection instead.
   */
  private static void settleUnreadRequestBody(DefaultExchange ex, MultiMap headers, boolean http1) {
    HttpServerRequest request = ex.request;
    if (!http1 || request.isEnded() || !ex.hasBody()) return;
    if (ex.body != null && ex.body.started() && !ex.tooLarge) {
      if (ex.body.complete()) return;
      // An attempt was streaming the body upstream and gave up part way: the rest of it has no
      // reader, and how much remains is unknown, so the connection cannot carry another request.
      ex.closeConnection = true;
      headers.set(HttpHeaders.CONNECTION, "close");
      return;
    }
    String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    long declared = length == null ? -1 : dev.emporium.gateway.edge.RequestFraming.parseLength(length);
    if (ex.closeConnection || ex.tooLarge || declared < 0 || declared > DISCARD_LIMIT) {
      ex.closeConnection = true;
      headers.set(HttpHeaders.CONNECTION, "close");
      return;
    }
    if (ex.body == null) {
      request.handler(chunk -> {});
      request.exceptionHandler(e -> {});
    } else {
      ex.body.handler(chunk -> {});
    }
    request.resume();
  }

  /** Joins the client's connection to the upstream's after a 101, until either side closes. */
  private void tunnel(DefaultExchange ex, ProxyResponse response) {
    HttpServerResponse out = ex.request.response();
    ex.status = 101;
    out.setStatusCode(101);
    out.headers().addAll(response.headers());
    NetSocket upstream = ex.upstreamSocket;
    ex.request.toNetSocket().onComplete(ar -> {
      if (ar.failed()) {
        ex.error = "upgrade-failed";
        upstream.close();
        onDone.accept(ex);
        return;
      }
      NetSocket client = ar.result();
      int[] open = {2};
      Runnable closed = () -> {
        if (--open[0] == 0) onDone.accept(ex);
      };
      client.pipeTo(upstream).onComplete(x -> {
        upstream.close();
        closed.run();
      });
      upstream.pipeTo(client).onComplete(x -> {
        client.close();
        closed.run();
      });
    });
  }
}
