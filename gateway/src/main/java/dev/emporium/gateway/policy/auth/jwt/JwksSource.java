package dev.emporium.gateway.policy.auth.jwt;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.emporium.gateway.policy.auth.AuthHttp;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.shareddata.Shareable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An issuer's keys from its JWKS URL. Shared by every route and event loop that names the same
 * URL with the same settings, and kept across reloads (see {@link JwksSources}).
 *
 * <p>Fetches are asynchronous and never more than one at a time. Keys older than the refresh
 * interval are fetched again in the background by the next request that uses them, which keeps
 * using the old ones meanwhile; an unknown {@code kid} asks for a fetch, at most one per minimum
 * refresh interval, so a flood of made-up key ids costs the issuer nothing. A failed fetch keeps
 * the keys there were.
 */
final class JwksSource implements KeySource, Shareable {

  private static final Logger log = LoggerFactory.getLogger(JwksSource.class);

  /** What a source is keyed by: the same URL with other settings is another source. */
  record Key(String url, Duration refreshInterval, Duration minRefreshInterval, Duration fetchTimeout, long maxBytes) {}

  private final AuthHttp http;
  private final Key key;
  private final Counter fetched;
  private final Counter failed;

  private volatile KeySet current;
  private volatile long fetchedAtNanos;
  /** When the last fetch started, or Long.MIN_VALUE before the first. */
  private volatile long lastAttemptNanos = Long.MIN_VALUE;
  private final AtomicReference<Future<KeySet>> inFlight = new AtomicReference<>();

  JwksSource(AuthHttp http, Key key, MeterRegistry meters) {
    this.http = http;
    this.key = key;
    this.fetched = counter(meters, "success");
    this.failed = counter(meters, "failure");
  }

  private Counter counter(MeterRegistry meters, String outcome) {
    return Counter.builder("gateway.auth.jwks.fetches")
        .description("Fetches of issuers' JSON Web Key Sets, by URL and outcome")
        .tags("url", key.url(), "outcome", outcome)
        .register(meters);
  }

  /** Starts the first fetch so that the first request finds keys. */
  void prefetch() {
    if (current == null && inFlight.get() == null) fetch();
  }

  @Override
  public Future<KeySet> keys() {
    KeySet keys = current;
    long now = System.nanoTime();
    if (keys == null) {
      Future<KeySet> running = inFlight.get();
      if (running != null) return running;
      if (!mayFetch(now)) return Future.failedFuture(new KeysUnavailableException(key.url()));
      return fetch();
    }
    if (now - fetchedAtNanos > key.refreshInterval().toNanos() && mayFetch(now) && inFlight.get() == null) fetch();
    return Future.succeededFuture(keys);
  }

  @Override
  public Future<KeySet> refreshForUnknownKey() {
    Future<KeySet> running = inFlight.get();
    if (running != null) return running;
    if (mayFetch(System.nanoTime())) return fetch();
    KeySet keys = current;
    return keys != null ? Future.succeededFuture(keys) : Future.failedFuture(new KeysUnavailableException(key.url()));
  }

  private boolean mayFetch(long now) {
    long last = lastAttemptNanos;
    return last == Long.MIN_VALUE || now - last >= key.minRefreshInterval().toNanos();
  }

  private Future<KeySet> fetch() {
    Promise<KeySet> promise = Promise.promise();
    if (!inFlight.compareAndSet(null, promise.future())) {
      Future<KeySet> running = inFlight.get();
      return running != null ? running : keys();
    }
    lastAttemptNanos = System.nanoTime();
    MultiMap headers = HttpHeaders.headers().add(HttpHeaders.ACCEPT, "application/jwk-set+json, application/json");
    http.send(HttpMethod.GET, key.url(), headers, null, key.fetchTimeout(), key.maxBytes())
        .map(response -> {
          if (response.status() != 200) throw new IllegalStateException("status " + response.status());
          return parse(response.body().toString());
        })
        .onComplete(ar -> {
          if (ar.succeeded()) {
            current = ar.result();
            fetchedAtNanos = System.nanoTime();
            fetched.increment();
            inFlight.set(null);
            promise.complete(ar.result());
          } else {
            failed.increment();
            log.warn("fetching the key set at {} failed: {}", key.url(), ar.cause().getMessage());
            inFlight.set(null);
            KeySet keys = current;
            if (keys != null) promise.complete(keys);
            else promise.fail(new KeysUnavailableException(key.url()));
          }
        });
    return promise.future();
  }

  private static KeySet parse(String json) {
    try {
      JWKSet set = JWKSet.parse(json);
      List<JWK> keys = new ArrayList<>();
      for (JWK jwk : set.getKeys()) keys.add(jwk.toPublicJWK());
      return KeySet.of(keys);
    } catch (java.text.ParseException e) {
      throw new IllegalStateException("not a JSON Web Key Set: " + e.getMessage());
    }
  }

  /** No keys could be had for an issuer. */
  static final class KeysUnavailableException extends RuntimeException {
    KeysUnavailableException(String url) {
      super("no keys available from " + url, null, false, false);
    }
  }
}
