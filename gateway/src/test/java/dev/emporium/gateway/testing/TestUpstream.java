package dev.emporium.gateway.testing;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on a free loopback port, standing in for a service behind the gateway. It
 * records every request it receives, and answers with whatever handler the test gives it.
 */
public final class TestUpstream implements AutoCloseable {

  private final Vertx vertx;
  private final HttpServer server;
  private final BlockingQueue<RecordedRequest> received = new LinkedBlockingQueue<>();
  private final AtomicInteger count = new AtomicInteger();
  private volatile Handler<HttpServerRequest> behaviour;

  private TestUpstream(Vertx vertx, HttpServerOptions options, Handler<HttpServerRequest> behaviour) {
    this.vertx = vertx;
    this.behaviour = behaviour;
    this.server = vertx.createHttpServer(options.setHost("127.0.0.1").setPort(0)).requestHandler(this::handle);
    server.listen().await();
  }

  /** An upstream answering with the given handler; the request body has not been read yet. */
  public static TestUpstream start(Handler<HttpServerRequest> behaviour) {
    return new TestUpstream(Vertx.vertx(), new HttpServerOptions(), behaviour);
  }

  public static TestUpstream start(HttpServerOptions options, Handler<HttpServerRequest> behaviour) {
    return new TestUpstream(Vertx.vertx(), options, behaviour);
  }

  /** An upstream that answers 200 with a JSON description of the request it got. */
  public static TestUpstream echo() {
    return start(TestUpstream::echo);
  }

  /** An upstream that answers every request with a fixed status and body. */
  public static TestUpstream fixed(int status, String body) {
    return start(request -> request.body().onSuccess(b -> request.response().setStatusCode(status).end(body)));
  }

  public static void echo(HttpServerRequest request) {
    request.body().onSuccess(body -> {
      JsonObject headers = new JsonObject();
      request.headers().forEach(e -> headers.put(e.getKey().toLowerCase(java.util.Locale.ROOT), e.getValue()));
      request.response()
          .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
          .end(new JsonObject()
              .put("method", request.method().name())
              .put("uri", request.uri())
              .put("path", request.path())
              .put("headers", headers)
              .put("body", body.toString())
              .toBuffer());
    });
  }

  /** Changes how the upstream answers from now on. */
  public void behave(Handler<HttpServerRequest> behaviour) {
    this.behaviour = behaviour;
  }

  private void handle(HttpServerRequest request) {
    count.incrementAndGet();
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(request.headers());
    String uri = request.uri();
    String method = request.method().name();
    int remotePort = request.remoteAddress().port();
    received.add(new RecordedRequest(method, uri, headers, remotePort));
    behaviour.handle(request);
  }

  public int port() {
    return server.actualPort();
  }

  /** {@code 127.0.0.1:port}, as a cluster endpoint address. */
  public String address() {
    return "127.0.0.1:" + port();
  }

  /** Requests this upstream has started handling. */
  public int requestCount() {
    return count.get();
  }

  /** The next received request, waiting up to 5 s. */
  public RecordedRequest take() {
    try {
      RecordedRequest r = received.poll(5, TimeUnit.SECONDS);
      if (r == null) throw new AssertionError("the upstream received no request within 5 s");
      return r;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  public List<RecordedRequest> drain() {
    List<RecordedRequest> out = new ArrayList<>();
    received.drainTo(out);
    return out;
  }

  public Vertx vertx() {
    return vertx;
  }

  /** Stops accepting; connections in place are closed. */
  @Override
  public void close() {
    vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
  }

  /** Waits for the condition, polling, up to the timeout. */
  public static void await(Duration timeout, java.util.function.BooleanSupplier condition, String what) {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      if (condition.getAsBoolean()) return;
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what);
  }
}
