package dev.emporium.gateway.policy.auth;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * The HTTP client identity policies use to reach identity providers (JWKS documents, token
 * introspection). One per Vert.x instance, shared by every route and kept across reloads, so that
 * a reload neither opens new pools nor leaves old ones behind. Every call has a deadline and a
 * response size limit.
 *
 * <p>Every exchange runs on one event-loop context of the client's own. A pooled connection
 * delivers its responses on the thread it was opened on, while a caller on another event loop
 * would see the response only after its own loop got round to it, by which time a short body may
 * have arrived with no handler to take it. The caller gets the outcome on its own context.
 */
public final class AuthHttp {

  private static final String MAP = "dev.emporium.gateway.policy.auth";

  private final Vertx vertx;
  private final ContextInternal home;
  private final HttpClient client;

  private AuthHttp(Vertx vertx) {
    this.vertx = vertx;
    this.home = ((VertxInternal) vertx).createEventLoopContext();
    this.client = vertx.createHttpClient(new HttpClientOptions()
            .setKeepAlive(true)
            .setKeepAliveTimeout(30)
            .setVerifyHost(true)
            .setName("emporium-auth"),
        new PoolOptions().setHttp1MaxSize(8));
  }

  /** The instance of this Vert.x, created on first use. */
  public static AuthHttp of(Vertx vertx) {
    LocalMap<String, Holder> map = vertx.sharedData().getLocalMap(MAP);
    return map.computeIfAbsent("http", k -> new Holder(new AuthHttp(vertx))).http;
  }

  private record Holder(AuthHttp http) implements Shareable {}

  /** A response read in full. */
  public record Response(int status, MultiMap headers, Buffer body) {}

  /** A response larger than the limit. */
  public static final class TooLargeException extends RuntimeException {
    TooLargeException(long limit) {
      super("response larger than " + limit + " bytes", null, false, false);
    }
  }

  /**
   * Sends a request and reads its response, failing past {@code timeout} (connect to last byte)
   * or past {@code maxBytes} of body.
   */
  public Future<Response> send(HttpMethod method, String url, MultiMap headers, Buffer body, Duration timeout,
      long maxBytes) {
    Promise<Response> outcome = ((ContextInternal) vertx.getOrCreateContext()).promise();
    home.runOnContext(v -> exchange(method, url, headers, body, timeout, maxBytes).onComplete(outcome));
    return outcome.future();
  }

  /** One exchange, on the home context: its response handlers are set where the response arrives. */
  private Future<Response> exchange(HttpMethod method, String url, MultiMap headers, Buffer body, Duration timeout,
      long maxBytes) {
    long millis = Math.max(1, timeout.toMillis());
    Promise<Response> promise = home.promise();
    RequestOptions options = new RequestOptions()
        .setMethod(method)
        .setAbsoluteURI(url)
        .setConnectTimeout(millis)
        .setIdleTimeout(millis)
        .setFollowRedirects(false);
    if (headers != null) options.setHeaders(headers);
    long timer = vertx.setTimer(millis, id -> promise.tryFail(new TimeoutException("no complete answer within " + millis + " ms")));
    client.request(options).compose(request -> {
      promise.future().onFailure(e -> request.reset());
      return body == null ? request.send() : request.send(body);
    }).onFailure(promise::tryFail).onSuccess(response -> {
      Buffer collected = Buffer.buffer();
      response.exceptionHandler(promise::tryFail);
      response.handler(chunk -> {
        if (collected.length() + chunk.length() > maxBytes) {
          promise.tryFail(new TooLargeException(maxBytes));
          return;
        }
        collected.appendBuffer(chunk);
      });
      response.endHandler(v -> promise.tryComplete(new Response(response.statusCode(), response.headers(), collected)));
    });
    return promise.future().andThen(ar -> vertx.cancelTimer(timer));
  }

}
