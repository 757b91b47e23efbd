package dev.emporium.gateway.upstream.discovery.etcd;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.parsetools.RecordParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * The few calls of etcd's v3 API that discovery makes, through etcd's JSON gateway ({@code /v3/...},
 * served by etcd 3.4 and later) rather than gRPC, so that the gateway needs no gRPC stack of its
 * own. Keys and values travel base64-encoded; 64-bit numbers arrive as JSON strings.
 */
final class EtcdClient {

  /** A key and its value at the revision it was last written. */
  record KeyValue(String key, byte[] value, long modRevision) {}

  /** A range read: the keys, and the store's revision they were read at. */
  record Listing(long revision, List<KeyValue> keys) {}

  /** A change to one key; {@code value} is null for a delete. */
  record Event(String key, byte[] value, long modRevision) {
    boolean deleted() {
      return value == null;
    }
  }

  /** What an open watch reports; every call runs on the event loop of the discovery's context. */
  interface WatchListener {
    /** Changes, and the store's revision after them. */
    void events(List<Event> events, long revision);

    /**
     * etcd ended the watch. {@code compactRevision} is above zero when the revision asked for is no
     * longer in etcd's history: the keys must be listed again.
     */
    void canceled(long compactRevision, String reason);

    /** The stream failed or ended. */
    void failed(Throwable cause);
  }

  /** An open watch; {@link #cancel()} closes its connection. */
  interface Watch {
    void cancel();
  }

  private final Vertx vertx;
  private final EtcdSettings settings;
  private final HttpClient http;

  EtcdClient(Vertx vertx, EtcdSettings settings, String name) {
    this.vertx = vertx;
    this.settings = settings;
    // One connection for the watch stream, one for a listing or a liveness check beside it.
    this.http = vertx.createHttpClient(new HttpClientOptions()
            .setKeepAlive(true)
            .setKeepAliveTimeout(30)
            .setVerifyHost(true)
            .setMaxChunkSize(64 * 1024)
            .setName("etcd-" + name),
        new PoolOptions().setHttp1MaxSize(2));
  }

  /** Every key in {@code [key, rangeEnd)}, read in one request. */
  Future<Listing> range(EtcdSettings.Endpoint endpoint, String key) {
    JsonObject body = new JsonObject().put("key", base64(key)).put("range_end", base64(rangeEnd(key)));
    return call(endpoint, "/v3/kv/range", body).map(json -> {
      List<KeyValue> keys = new ArrayList<>();
      JsonArray kvs = json.getJsonArray("kvs", new JsonArray());
      for (int i = 0; i < kvs.size(); i++) {
        JsonObject kv = kvs.getJsonObject(i);
        keys.add(new KeyValue(text(kv.getString("key")), bytes(kv.getString("value", "")), number(kv, "mod_revision")));
      }
      return new Listing(number(json.getJsonObject("header", new JsonObject()), "revision"), List.copyOf(keys));
    });
  }

  /** Succeeds when etcd answers a read: the cheapest proof that it is reachable and has a leader. */
  Future<Void> check(EtcdSettings.Endpoint endpoint, String key) {
    return call(endpoint, "/v3/kv/range", new JsonObject().put("key", base64(key)).put("count_only", true)).mapEmpty();
  }

  /** Watches {@code [key, rangeEnd)} from {@code fromRevision}; the future completes when etcd confirms the watch. */
  Future<Watch> watch(EtcdSettings.Endpoint endpoint, String key, long fromRevision, WatchListener listener) {
    JsonObject create = new JsonObject()
        .put("key", base64(key))
        .put("range_end", base64(rangeEnd(key)))
        .put("start_revision", String.valueOf(fromRevision));
    WatchStream stream = new WatchStream(listener);
    http.request(options(endpoint, "/v3/watch"))
        .compose(request -> {
          stream.request = request;
          if (stream.ended) request.reset();
          return request.send(new JsonObject().put("create_request", create).toBuffer());
        })
        .onFailure(stream::fail)
        .onSuccess(stream::read);
    return stream.created.future();
  }

  /**
   * One watch's HTTP exchange: etcd answers with a stream of JSON messages, one a line. Until etcd
   * confirms the watch, a failure fails {@link #created}; after, it goes to the listener, once.
   */
  private final class WatchStream implements Watch {
    final Promise<Watch> created = Promise.promise();
    final WatchListener listener;
    final long timer;
    HttpClientRequest request;
    boolean ended;

    WatchStream(WatchListener listener) {
      this.listener = listener;
      long timeoutMs = settings.requestTimeout().toMillis();
      this.timer = vertx.setTimer(timeoutMs,
          id -> fail(new TimeoutException("etcd did not confirm the watch within " + timeoutMs + " ms")));
    }

    void read(HttpClientResponse response) {
      if (response.statusCode() != 200) {
        Promise<Void> failed = Promise.promise();
        failWithBody(response, failed);
        failed.future().onFailure(this::fail);
        return;
      }
      RecordParser lines = RecordParser.newDelimited("\n", response).maxRecordSize(maxMessageBytes());
      lines.exceptionHandler(this::fail);
      lines.endHandler(v -> fail(new IllegalStateException("etcd closed the watch stream")));
      lines.handler(this::message);
    }

    private void message(Buffer line) {
      if (ended || line.length() == 0) return;
      JsonObject result;
      try {
        JsonObject message = new JsonObject(line);
        result = message.getJsonObject("result");
        if (result == null) {
          fail(new IllegalStateException("etcd ended the watch: " + errorOf(message)));
          return;
        }
      } catch (DecodeException | ClassCastException e) {
        fail(new IllegalStateException("etcd sent a watch message that is not a JSON object"));
        return;
      }
      if (created.tryComplete(this)) vertx.cancelTimer(timer);
      if (result.getBoolean("canceled", false)) {
        end();
        listener.canceled(number(result, "compact_revision"), result.getString("cancel_reason", "canceled by etcd"));
        return;
      }
      JsonArray events = result.getJsonArray("events");
      if (events != null && !events.isEmpty()) {
        listener.events(events(events), number(result.getJsonObject("header", new JsonObject()), "revision"));
      }
    }

    void fail(Throwable cause) {
      if (ended) return;
      end();
      if (!created.tryFail(cause)) listener.failed(cause);
    }

    private void end() {
      ended = true;
      vertx.cancelTimer(timer);
      if (request != null) request.reset();
    }

    @Override
    public void cancel() {
      end();
    }
  }

  /** Closes every connection. */
  void close() {
    http.close();
  }

  private Future<JsonObject> call(EtcdSettings.Endpoint endpoint, String path, JsonObject body) {
    long timeoutMs = settings.requestTimeout().toMillis();
    Promise<JsonObject> result = Promise.promise();
    HttpClientRequest[] sent = new HttpClientRequest[1];
    long timer = vertx.setTimer(timeoutMs, id -> {
      if (result.tryFail(new TimeoutException("no answer from etcd within " + timeoutMs + " ms")) && sent[0] != null) {
        sent[0].reset();
      }
    });
    http.request(options(endpoint, path))
        .compose(request -> {
          sent[0] = request;
          if (result.future().isComplete()) request.reset();
          return request.send(body.toBuffer());
        })
        .compose(response -> {
          if (response.statusCode() != 200) {
            Promise<JsonObject> failed = Promise.promise();
            failWithBody(response, failed);
            return failed.future();
          }
          return readAtMost(response, maxMessageBytes()).map(JsonObject::new);
        })
        .onComplete(ar -> {
          vertx.cancelTimer(timer);
          if (ar.succeeded()) {
            result.tryComplete(ar.result());
          } else {
            result.tryFail(ar.cause());
          }
        });
    return result.future();
  }

  private RequestOptions options(EtcdSettings.Endpoint endpoint, String path) {
    long timeoutMs = settings.requestTimeout().toMillis();
    return new RequestOptions()
        .setMethod(HttpMethod.POST)
        .setHost(endpoint.host())
        .setPort(endpoint.port())
        .setSsl(endpoint.tls())
        .setURI(path)
        .setConnectTimeout(timeoutMs)
        .putHeader("Content-Type", "application/json");
  }

  private int maxMessageBytes() {
    return (int) Math.min(Integer.MAX_VALUE, settings.maxMessageSize().bytes());
  }

  /** The whole body, or a failure as soon as it grows past {@code limit} bytes. */
  private static Future<Buffer> readAtMost(HttpClientResponse response, int limit) {
    Promise<Buffer> promise = Promise.promise();
    Buffer collected = Buffer.buffer();
    response.exceptionHandler(promise::tryFail);
    response.handler(chunk -> {
      if (promise.future().isComplete()) return;
      if (collected.length() + chunk.length() > limit) {
        promise.tryFail(new IllegalStateException("etcd's answer is larger than maxMessageSize (" + limit + " bytes)"));
        response.request().reset();
        return;
      }
      collected.appendBuffer(chunk);
    });
    response.endHandler(v -> promise.tryComplete(collected));
    return promise.future();
  }

  /** Fails {@code promise} with etcd's own error message (e.g. "etcdserver: no leader"), read from the body. */
  private static <T> void failWithBody(HttpClientResponse response, Promise<T> promise) {
    int status = response.statusCode();
    readAtMost(response, 64 * 1024).onComplete(ar -> {
      String detail = "";
      if (ar.succeeded()) {
        try {
          detail = ": " + errorOf(new JsonObject(ar.result()));
        } catch (DecodeException | ClassCastException e) {
          detail = "";
        }
      }
      promise.tryFail(new IllegalStateException("etcd answered " + status + detail));
    });
  }

  private static String errorOf(JsonObject message) {
    Object error = message.getValue("error");
    if (error instanceof JsonObject nested) return nested.getString("message", nested.encode());
    return message.getString("message", String.valueOf(error));
  }

  private static List<Event> events(JsonArray events) {
    List<Event> out = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      JsonObject event = events.getJsonObject(i);
      JsonObject kv = event.getJsonObject("kv", new JsonObject());
      // proto3 JSON leaves out the default enum value: no type is a PUT.
      boolean delete = "DELETE".equals(event.getString("type"));
      out.add(new Event(text(kv.getString("key", "")), delete ? null : bytes(kv.getString("value", "")),
          number(kv, "mod_revision")));
    }
    return out;
  }

  private static long number(JsonObject json, String field) {
    Object value = json.getValue(field);
    if (value == null) return 0;
    if (value instanceof Number n) return n.longValue();
    try {
      return Long.parseLong(value.toString());
    } catch (NumberFormatException e) {
      throw new IllegalStateException("etcd sent " + field + " '" + value + "', not a number");
    }
  }

  static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String text(String base64) {
    return new String(bytes(base64), StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String base64) {
    return Base64.getDecoder().decode(base64);
  }

  /** The end of the range of keys under {@code prefix}: the prefix with its last character incremented. */
  static String rangeEnd(String prefix) {
    char last = prefix.charAt(prefix.length() - 1);
    return prefix.substring(0, prefix.length() - 1) + (char) (last + 1);
  }
}
