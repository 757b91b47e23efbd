package dev.emporium.gateway.policy.cache;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One stored response, immutable. Besides status, headers and body it keeps what is needed to
 * serve it safely: the request header values it varies on and the caller it belongs to (checked
 * again on every hit, so a key collision can never hand one caller another's response), its
 * validators, and its times in epoch milliseconds.
 *
 * @param route the route it was stored for
 * @param path the client's normalized path, for purges by prefix
 * @param scope {@code *} when the response is public, else a hash of the caller's identity
 * @param varyNames lower-case request header names from the response's {@code Vary}, sorted
 * @param varyValues the request's values of those headers, in the same order
 * @param storedAt when the response arrived
 * @param initialAge its age when it arrived, seconds (the upstream's {@code Age})
 * @param freshUntil when it stops being fresh
 * @param staleIfErrorUntil until when it may stand in for a failing upstream
 * @param keepUntil when it leaves the cache
 */
record CachedResponse(
    String route,
    String path,
    String scope,
    List<String> varyNames,
    List<String> varyValues,
    int status,
    List<Map.Entry<String, String>> headers,
    byte[] body,
    long storedAt,
    long initialAge,
    long freshUntil,
    long staleIfErrorUntil,
    long keepUntil) implements Stored {

  private static final int FORMAT = 1;

  String header(String name) {
    for (Map.Entry<String, String> h : headers) {
      if (h.getKey().equalsIgnoreCase(name)) return h.getValue();
    }
    return null;
  }

  String etag() {
    return header("ETag");
  }

  String lastModified() {
    return header("Last-Modified");
  }

  boolean hasValidator() {
    return etag() != null || lastModified() != null;
  }

  boolean fresh(long now) {
    return now < freshUntil;
  }

  /** Seconds since the origin made it, as the {@code Age} header says. */
  long ageSeconds(long now) {
    return initialAge + Math.max(0, (now - storedAt) / 1000);
  }

  /** Bytes it costs in memory, roughly: body, headers, keys and the record itself. */
  @Override
  public int weight() {
    long w = 256L + body.length + 2L * (route.length() + path.length() + scope.length());
    for (Map.Entry<String, String> h : headers) w += 2L * (h.getKey().length() + h.getValue().length()) + 32;
    for (String v : varyValues) w += 2L * v.length() + 16;
    return (int) Math.min(Integer.MAX_VALUE, w);
  }

  MultiMap headersCopy() {
    MultiMap out = HttpHeaders.headers();
    for (Map.Entry<String, String> h : headers) out.add(h.getKey(), h.getValue());
    return out;
  }

  /** A copy with headers replaced and new times, after a 304 confirmed it. */
  CachedResponse refreshed(List<Map.Entry<String, String>> newHeaders, long storedAt, long initialAge, long freshUntil,
      long staleIfErrorUntil, long keepUntil) {
    return new CachedResponse(route, path, scope, varyNames, varyValues, status, newHeaders, body, storedAt, initialAge,
        freshUntil, staleIfErrorUntil, keepUntil);
  }

  /** The form kept in Redis: versioned, length-prefixed fields. */
  byte[] toBytes() {
    Buffer b = Buffer.buffer(body.length + 512);
    b.appendInt(FORMAT);
    string(b, route);
    string(b, path);
    string(b, scope);
    b.appendInt(varyNames.size());
    for (int i = 0; i < varyNames.size(); i++) {
      string(b, varyNames.get(i));
      string(b, varyValues.get(i));
    }
    b.appendInt(status);
    b.appendInt(headers.size());
    for (Map.Entry<String, String> h : headers) {
      string(b, h.getKey());
      string(b, h.getValue());
    }
    b.appendLong(storedAt).appendLong(initialAge).appendLong(freshUntil).appendLong(staleIfErrorUntil)
        .appendLong(keepUntil);
    b.appendInt(body.length).appendBytes(body);
    return b.getBytes();
  }

  /** Reads {@link #toBytes()}; null for anything else (another format, a truncated value). */
  static CachedResponse fromBytes(byte[] bytes) {
    try {
      Reader r = new Reader(Buffer.buffer(bytes));
      if (r.i32() != FORMAT) return null;
      String route = r.string();
      String path = r.string();
      String scope = r.string();
      int varies = r.count();
      List<String> names = new java.util.ArrayList<>(varies);
      List<String> values = new java.util.ArrayList<>(varies);
      for (int i = 0; i < varies; i++) {
        names.add(r.string());
        values.add(r.string());
      }
      int status = r.i32();
      int count = r.count();
      List<Map.Entry<String, String>> headers = new java.util.ArrayList<>(count);
      for (int i = 0; i < count; i++) headers.add(Map.entry(r.string(), r.string()));
      long storedAt = r.i64();
      long initialAge = r.i64();
      long freshUntil = r.i64();
      long staleUntil = r.i64();
      long keepUntil = r.i64();
      byte[] body = r.bytes();
      if (r.pos != bytes.length) return null;
      return new CachedResponse(route, path, scope, List.copyOf(names), List.copyOf(values), status,
          List.copyOf(headers), body, storedAt, initialAge, freshUntil, staleUntil, keepUntil);
    } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
      return null;
    }
  }

  private static void string(Buffer b, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    b.appendInt(bytes.length).appendBytes(bytes);
  }

  private static final class Reader {
    final Buffer buffer;
    int pos;

    Reader(Buffer buffer) {
      this.buffer = buffer;
    }

    int i32() {
      int v = buffer.getInt(pos);
      pos += 4;
      return v;
    }

    long i64() {
      long v = buffer.getLong(pos);
      pos += 8;
      return v;
    }

    int count() {
      int n = i32();
      if (n < 0 || n > buffer.length() - pos) throw new IllegalArgumentException("bad count");
      return n;
    }

    byte[] bytes() {
      int n = count();
      byte[] out = buffer.getBytes(pos, pos + n);
      pos += n;
      return out;
    }

    String string() {
      return new String(bytes(), StandardCharsets.UTF_8);
    }
  }
}
