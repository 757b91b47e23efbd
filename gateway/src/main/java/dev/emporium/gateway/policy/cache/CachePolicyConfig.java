package dev.emporium.gateway.policy.cache;

import dev.emporium.gateway.config.ByteSize;
import dev.emporium.gateway.config.Durations;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A route's {@code cache} policy. The entries themselves live in the gateway-wide cache that
 * {@code cache:} at the top of the file sizes; these settings say what this route stores and for
 * how long.
 *
 * @param ttl freshness of a response whose upstream gives none ({@code max-age}, {@code s-maxage},
 *     {@code Expires}); default 5m; 0s stores only responses that say how long they stay fresh
 * @param maxTtl upper bound on any freshness, the upstream's included; default 1h
 * @param maxEntrySize largest body stored; larger ones stream through uncached; default 1MiB
 * @param staleIfError how long past its freshness an entry may still be served when the upstream
 *     fails (5xx, or the gateway's own 502/503/504); a response's {@code stale-if-error=N} wins;
 *     default 5m; 0s turns it off
 * @param keepStale how long past its freshness an entry with a validator ({@code ETag} or
 *     {@code Last-Modified}) is kept for revalidation; default 10m
 * @param statuses the response statuses stored; default [200]
 * @param identityHeaders request headers (as sent upstream, so after identity policies) that make a
 *     stored response private to the caller unless the response is explicitly public; their values
 *     are hashed, never stored; default [X-User-Id, X-Consumer, Authorization,
 *     Cookie]
 * @param clientDirectives {@code honour} (default): a client's {@code no-cache} or
 *     {@code max-age=0} makes the gateway revalidate with the upstream, its {@code no-store}
 *     bypasses the cache; {@code ignore}: clients cannot steer the shared cache
 */
public record CachePolicyConfig(
    Duration ttl,
    Duration maxTtl,
    ByteSize maxEntrySize,
    Duration staleIfError,
    Duration keepStale,
    List<Integer> statuses,
    List<String> identityHeaders,
    String clientDirectives) {

  /** Statuses a cache may store without explicit freshness (RFC 9110 §15.1), less 206 (ranges are not cached). */
  static final Set<Integer> CACHEABLE = Set.of(200, 203, 204, 300, 301, 308, 404, 405, 410, 414, 501);
  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  private static final long MAX_ENTRY = 64L * 1024 * 1024;

  public CachePolicyConfig {
    ttl = ttl == null ? Duration.ofMinutes(5) : ttl;
    maxTtl = maxTtl == null ? Duration.ofHours(1) : maxTtl;
    maxEntrySize = maxEntrySize == null ? ByteSize.ofMebibytes(1) : maxEntrySize;
    staleIfError = staleIfError == null ? Duration.ofMinutes(5) : staleIfError;
    keepStale = keepStale == null ? Duration.ofMinutes(10) : keepStale;
    statuses = statuses == null ? List.of(200) : List.copyOf(statuses);
    identityHeaders = identityHeaders == null ? List.of("X-User-Id", "X-Consumer", "Authorization", "Cookie")
        : List.copyOf(identityHeaders);
    clientDirectives = clientDirectives == null ? "honour" : clientDirectives;

    if (ttl.isNegative()) throw new IllegalArgumentException("ttl cannot be negative");
    if (maxTtl.isNegative() || maxTtl.isZero()) throw new IllegalArgumentException("maxTtl must be a positive duration");
    if (ttl.compareTo(maxTtl) > 0) {
      throw new IllegalArgumentException("ttl (" + Durations.format(ttl) + ") cannot be longer than maxTtl ("
          + Durations.format(maxTtl) + ")");
    }
    if (maxEntrySize.bytes() < 1 || maxEntrySize.bytes() > MAX_ENTRY) {
      throw new IllegalArgumentException("maxEntrySize must be between 1B and 64MiB");
    }
    if (staleIfError.isNegative()) throw new IllegalArgumentException("staleIfError cannot be negative");
    if (keepStale.isNegative()) throw new IllegalArgumentException("keepStale cannot be negative");
    if (statuses.isEmpty()) throw new IllegalArgumentException("statuses needs at least one status");
    for (Integer s : statuses) {
      if (s == null || !CACHEABLE.contains(s)) {
        throw new IllegalArgumentException("status " + s + " cannot be cached; cacheable statuses are "
            + new java.util.TreeSet<>(CACHEABLE));
      }
    }
    for (String h : identityHeaders) {
      if (h == null || !TOKEN.matcher(h).matches()) {
        throw new IllegalArgumentException("identityHeaders: '" + h + "' is not a header name");
      }
    }
    identityHeaders = identityHeaders.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
    if (!clientDirectives.equals("honour") && !clientDirectives.equals("ignore")) {
      throw new IllegalArgumentException("clientDirectives must be 'honour' or 'ignore', is '" + clientDirectives + "'");
    }
  }

  boolean honourClient() {
    return clientDirectives.equals("honour");
  }
}
