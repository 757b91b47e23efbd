package dev.emporium.gateway.policy.compress;

import dev.emporium.gateway.policy.Exchange;
import dev.emporium.gateway.policy.Policy;
import dev.emporium.gateway.policy.ProxyResponse;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import java.util.Locale;

/**
 * Compresses responses for clients that accept it: only the configured media types, only bodies of
 * at least {@code minSize}, never a body already encoded, a partial one, or one marked
 * {@code no-transform}. Streamed bodies are compressed as they stream. Every response of a
 * compressible type says {@code Vary: Accept-Encoding}, compressed or not, so that caches on the
 * way keep the two forms apart; a strong {@code ETag} of a compressed body becomes weak, since the
 * bytes differ from the upstream's.
 */
final class CompressPolicy implements Policy {

  private final CompressConfig config;
  private final CompressMeters meters;

  CompressPolicy(CompressConfig config, CompressMeters meters) {
    this.config = config;
    this.meters = meters;
  }

  @Override
  public Future<ProxyResponse> onResponse(Exchange ex, ProxyResponse response) {
    MultiMap headers = response.headers();
    int status = response.status();
    if (status < 200 || status == 204 || status == 206 || status == 304) return Future.succeededFuture(response);
    if (!config.compresses(headers.get(HttpHeaders.CONTENT_TYPE))) return Future.succeededFuture(response);
    addVary(headers);
    if (ex.request().method() == HttpMethod.HEAD || encoded(headers) || headers.contains(HttpHeaders.CONTENT_RANGE)
        || noTransform(headers)) {
      return Future.succeededFuture(response);
    }
    long length = response.isStreaming() ? response.declaredLength() : response.body().length();
    if (length >= 0 && length < config.minSize().bytes()) return Future.succeededFuture(response);
    String encoding = AcceptEncoding.choose(ex.request().headers().getAll(HttpHeaders.ACCEPT_ENCODING), config.encodings());
    if (encoding == null) return Future.succeededFuture(response);

    headers.set(HttpHeaders.CONTENT_ENCODING, encoding);
    headers.remove(HttpHeaders.CONTENT_LENGTH);
    String etag = headers.get(HttpHeaders.ETAG);
    if (etag != null && !etag.startsWith("W/")) headers.set(HttpHeaders.ETAG, "W/" + etag);
    meters.compressed(encoding);
    ex.mark("compress", encoding);
    if (!response.isStreaming()) {
      Buffer body = response.body();
      Buffer compressed = Encoder.encodeAll(encoding, config.level(), body);
      meters.bytes(body.length(), compressed.length());
      return Future.succeededFuture(response.body(compressed));
    }
    CompressingStream stream = new CompressingStream(response.stream(), new Encoder(encoding, config.level()), meters);
    // Only an upstream's body streams, so the new response is one from the upstream too.
    return Future.succeededFuture(ProxyResponse.streaming(status, headers, stream));
  }

  private static boolean encoded(MultiMap headers) {
    String ce = headers.get(HttpHeaders.CONTENT_ENCODING);
    return ce != null && !ce.isBlank() && !ce.trim().equalsIgnoreCase("identity");
  }

  private static boolean noTransform(MultiMap headers) {
    for (String cc : headers.getAll(HttpHeaders.CACHE_CONTROL)) {
      if (cc.toLowerCase(Locale.ROOT).contains("no-transform")) return true;
    }
    return false;
  }

  private static void addVary(MultiMap headers) {
    for (String vary : headers.getAll(HttpHeaders.VARY)) {
      for (String name : vary.split(",")) {
        String n = name.trim();
        if (n.equals("*") || n.equalsIgnoreCase("Accept-Encoding")) return;
      }
    }
    headers.add(HttpHeaders.VARY, "Accept-Encoding");
  }
}
