package dev.emporium.gateway.policy.cache;

import dev.emporium.gateway.policy.Exchange;
import dev.emporium.gateway.policy.Policy;
import dev.emporium.gateway.policy.ProxyResponse;
import dev.emporium.gateway.policy.cache.CacheMetrics.Result;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A route's view of the gateway's shared response cache. Request side: GET and HEAD look up the
 * entry for their key; a fresh one is served at once ({@code X-Cache: HIT}), a stale one with a
 * validator is revalidated upstream with {@code If-None-Match}/{@code If-Modified-Since}. Response
 * side (after the policies listed after it, so that what is stored is what clients get): a 304
 * refreshes the entry ({@code REVALIDATED}); a failure is answered with the stale entry while
 * {@code stale-if-error} allows ({@code STALE}); a storable response is copied into the cache as it
 * streams to the client ({@code MISS}). The cache never fails a request: anything it cannot store
 * simply passes through.
 */
final class CachePolicy implements Policy {

  private static final String X_CACHE = "X-Cache";
  /** Not kept with an entry: recomputed when served, or never to be shared. */
  private static final Set<String> NOT_STORED = Set.of("x-cache", "age", "set-cookie", "content-length",
      "transfer-encoding", "connection", "keep-alive");
  /** Not taken from a 304 into the stored headers (RFC 9111 §3.2). */
  private static final Set<String> NOT_REFRESHED = Set.of("content-length", "content-encoding", "content-type",
      "content-range", "transfer-encoding", "set-cookie", "x-cache", "age", "connection", "keep-alive");

  private final String route;
  private final CachePolicyConfig config;
  private final ResponseCache cache;
  private final Counter[] counters;

  CachePolicy(String route, CachePolicyConfig config, ResponseCache cache) {
    this.route = route;
    this.config = config;
    this.cache = cache;
    this.counters = cache.metrics().route(route);
  }

  /** What the request side decided, for the response side. */
  private static final class State {
    final CacheKey key;
    /**
     * The upstream request's headers as the lookup saw them: the values of the vary headers of what
     * is stored are taken from here, so that a later lookup finds it whatever later policies add.
     */
    MultiMap requestHeaders;
    /** A stale entry (or one the client asked to revalidate) that the upstream's answer may confirm or replace. */
    CachedResponse entry;
    boolean revalidating;
    /** The response is the cache's own (a hit): nothing to do on the way back. */
    boolean served;
    boolean bypass;

    State(CacheKey key) {
      this.key = key;
    }
  }

  @Override
  public Future<ProxyResponse> onRequest(Exchange ex) {
    HttpMethod method = ex.request().method();
    if (method != HttpMethod.GET && method != HttpMethod.HEAD) return ex.proceed();
    MultiMap clientHeaders = ex.request().headers();
    CacheControl asked = config.honourClient() ? requestDirectives(clientHeaders) : CacheControl.NONE;
    if (asked.noStore() || clientHeaders.contains("Range")) {
      State st = new State(null);
      st.bypass = true;
      ex.attach(State.class, st);
      return ex.proceed();
    }
    boolean revalidate = asked.noCache() || asked.maxAge() == 0;
    CacheKey key = CacheKey.of(route, ex.normalizedPath(), ex.upstreamPath(), ex.upstreamQuery(), ex.upstreamHeaders(),
        config.identityHeaders());
    State st = new State(key);
    ex.attach(State.class, st);
    return cache.lookup(key, ex.upstreamHeaders()).otherwise((CachedResponse) null).compose(entry -> {
      long now = System.currentTimeMillis();
      if (entry != null && entry.fresh(now) && !revalidate) {
        st.served = true;
        return Future.succeededFuture(serve(ex, entry, Result.HIT, now));
      }
      st.entry = entry;
      st.requestHeaders = HttpHeaders.headers().addAll(ex.upstreamHeaders());
      if (method == HttpMethod.GET) {
        // The cache answers the client's conditionals itself; it asks the upstream for the full
        // response (or about its own copy), which it can then store.
        MultiMap up = ex.upstreamHeaders();
        up.remove(HttpHeaders.IF_NONE_MATCH);
        up.remove(HttpHeaders.IF_MODIFIED_SINCE);
        if (entry != null && entry.hasValidator()) {
          if (entry.etag() != null) up.set(HttpHeaders.IF_NONE_MATCH, entry.etag());
          if (entry.lastModified() != null) up.set(HttpHeaders.IF_MODIFIED_SINCE, entry.lastModified());
          st.revalidating = true;
          ex.mark("cache", "revalidate");
        }
      }
      return ex.proceed();
    });
  }

  private static CacheControl requestDirectives(MultiMap headers) {
    List<String> fields = headers.getAll(HttpHeaders.CACHE_CONTROL);
    if (fields.isEmpty() && "no-cache".equalsIgnoreCase(headers.get("Pragma"))) {
      return new CacheControl(false, true, false, false, false, -1, -1, -1);
    }
    return CacheControl.parse(fields);
  }

  @Override
  public Future<ProxyResponse> onResponse(Exchange ex, ProxyResponse response) {
    State st = ex.attachment(State.class);
    if (st == null || st.served) return Future.succeededFuture(response);
    if (st.bypass) {
      count(ex, Result.BYPASS);
      response.headers().set(X_CACHE, Result.BYPASS.name());
      return Future.succeededFuture(response);
    }
    long now = System.currentTimeMillis();
    if (failed(response)) {
      CachedResponse stale = st.entry;
      if (stale != null && now < stale.staleIfErrorUntil()) {
        discard(response);
        return Future.succeededFuture(serve(ex, stale, Result.STALE, now));
      }
      count(ex, Result.MISS);
      response.headers().set(X_CACHE, Result.MISS.name());
      return Future.succeededFuture(response);
    }
    if (st.revalidating && response.fromUpstream() && response.status() == 304) {
      discard(response);
      CachedResponse current = refresh(st.key, st.entry, response.headers(), now);
      return Future.succeededFuture(serve(ex, current, Result.REVALIDATED, now));
    }
    count(ex, Result.MISS);
    response.headers().set(X_CACHE, Result.MISS.name());
    if (ex.request().method() != HttpMethod.GET) return Future.succeededFuture(response);
    return store(ex, st, response, now);
  }

  /** An upstream failure, or the gateway's own answer for one (502, 503, 504, a route's fallback). */
  private static boolean failed(ProxyResponse response) {
    return response.status() >= 500 || !response.fromUpstream() && response.headers().contains("X-Fallback");
  }

  private Future<ProxyResponse> store(Exchange ex, State st, ProxyResponse response, long now) {
    CachedResponseDraft draft = draft(st.key, st.requestHeaders, response, now);
    boolean clientConditional = Conditionals.present(ex.request().headers()) && response.status() == 200;
    boolean clientCurrent = clientConditional && Conditionals.notModified(ex.request().headers(),
        response.headers().get(HttpHeaders.ETAG), response.headers().get(HttpHeaders.LAST_MODIFIED));
    if (draft == null || tooLarge(response)) {
      // The old entry describes a representation the upstream no longer serves as it was.
      if (st.entry != null && response.fromUpstream()) cache.remove(st.key, st.entry);
      if (clientCurrent) return Future.succeededFuture(notModified(response));
      return Future.succeededFuture(response);
    }
    if (!response.isStreaming()) {
      Buffer body = response.body();
      if (body.length() <= config.maxEntrySize().bytes()) cache.store(st.key, draft.complete(body.getBytes()));
      return Future.succeededFuture(clientCurrent ? notModified(response) : response);
    }
    if (clientCurrent) {
      // The client needs no body, but the cache does: read it (bounded), then answer 304.
      return response.buffer(config.maxEntrySize().bytes()).map(full -> {
        cache.store(st.key, draft.complete(full.body().getBytes()));
        return notModified(full);
      }).recover(e -> {
        discard(response);
        return Future.succeededFuture(notModified(response));
      });
    }
    ReadStream<Buffer> copying = new CapturingStream(response.stream(), config.maxEntrySize().bytes(),
        body -> cache.store(st.key, draft.complete(body)));
    return Future.succeededFuture(ProxyResponse.streaming(response.status(), response.headers(), copying));
  }

  private boolean tooLarge(ProxyResponse response) {
    String length = response.headers().get(HttpHeaders.CONTENT_LENGTH);
    if (length == null) return false;
    try {
      return Long.parseLong(length.trim()) > config.maxEntrySize().bytes();
    } catch (NumberFormatException e) {
      return true;
    }
  }

  /** An entry without its body yet, or null when the response must not be stored. */
  private CachedResponseDraft draft(CacheKey key, MultiMap requestHeaders, ProxyResponse response, long now) {
    if (!response.fromUpstream() || !config.statuses().contains(response.status())) return null;
    MultiMap headers = response.headers();
    if (headers.contains("Set-Cookie")) return null;
    CacheControl cc = CacheControl.parse(headers.getAll(HttpHeaders.CACHE_CONTROL));
    if (cc.noStore() || cc.isPrivate()) return null;
    List<String> varyNames = CacheKey.varyNames(headers.getAll(HttpHeaders.VARY));
    if (varyNames == null) return null;
    Lifetimes life = Lifetimes.of(headers, cc, config, now);
    if (!life.useful(now)) return null;
    String scope = cc.explicitlyPublic() ? CacheKey.PUBLIC : key.identity();
    return new CachedResponseDraft(key, scope, varyNames, CacheKey.varyValues(varyNames, requestHeaders),
        response.status(), storedHeaders(headers), life);
  }

  /** An entry waiting for its body. */
  private record CachedResponseDraft(CacheKey key, String scope, List<String> varyNames, List<String> varyValues,
      int status, List<Map.Entry<String, String>> headers, Lifetimes life) {

    CachedResponse complete(byte[] body) {
      return new CachedResponse(key.route(), key.path(), scope, varyNames, varyValues, status, headers, body,
          life.storedAt(), life.initialAge(), life.freshUntil(), life.staleIfErrorUntil(), life.keepUntil());
    }
  }

  private static List<Map.Entry<String, String>> storedHeaders(MultiMap headers) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    headers.forEach(e -> {
      if (!NOT_STORED.contains(e.getKey().toLowerCase(Locale.ROOT))) out.add(Map.entry(e.getKey(), e.getValue()));
    });
    return List.copyOf(out);
  }

  /** Applies a 304's headers to the stored entry and stores the result; returns what to serve. */
  private CachedResponse refresh(CacheKey key, CachedResponse entry, MultiMap update, long now) {
    MultiMap merged = entry.headersCopy();
    java.util.Set<String> replaced = new java.util.HashSet<>();
    update.forEach(e -> {
      String name = e.getKey().toLowerCase(Locale.ROOT);
      if (NOT_REFRESHED.contains(name)) return;
      if (replaced.add(name)) merged.remove(e.getKey());
      merged.add(e.getKey(), e.getValue());
    });
    CacheControl cc = CacheControl.parse(merged.getAll(HttpHeaders.CACHE_CONTROL));
    Lifetimes life = Lifetimes.of(merged, cc, config, now);
    CachedResponse refreshed = entry.refreshed(storedHeaders(merged), life.storedAt(), life.initialAge(),
        life.freshUntil(), life.staleIfErrorUntil(), life.keepUntil());
    if (cc.noStore() || cc.isPrivate() || merged.contains("Set-Cookie") || !life.useful(now)) {
      cache.remove(key, entry);
    } else {
      cache.store(key, refreshed);
    }
    return refreshed;
  }

  private ProxyResponse serve(Exchange ex, CachedResponse entry, Result result, long now) {
    count(ex, result);
    MultiMap headers = entry.headersCopy();
    headers.set(HttpHeaders.AGE, Long.toString(entry.ageSeconds(now)));
    headers.set(X_CACHE, result.name());
    if (Conditionals.notModified(ex.request().headers(), entry.etag(), entry.lastModified())) {
      MultiMap head = Conditionals.notModifiedHeaders(headers);
      head.set(HttpHeaders.AGE, headers.get(HttpHeaders.AGE));
      head.set(X_CACHE, result.name());
      return ProxyResponse.of(304, head, Buffer.buffer());
    }
    return ProxyResponse.of(entry.status(), headers, Buffer.buffer(entry.body()));
  }

  private static ProxyResponse notModified(ProxyResponse full) {
    MultiMap head = Conditionals.notModifiedHeaders(full.headers());
    head.set(X_CACHE, full.headers().get(X_CACHE));
    return ProxyResponse.of(304, head, Buffer.buffer());
  }

  /** Reads and drops a response the client will not see, so that its connection can be reused. */
  private static void discard(ProxyResponse response) {
    ReadStream<Buffer> stream = response.stream();
    if (stream == null) return;
    stream.exceptionHandler(e -> { });
    stream.handler(chunk -> { });
    stream.endHandler(null);
    stream.resume();
  }

  private void count(Exchange ex, Result result) {
    counters[result.ordinal()].increment();
    ex.mark("cache", result.label);
  }
}
