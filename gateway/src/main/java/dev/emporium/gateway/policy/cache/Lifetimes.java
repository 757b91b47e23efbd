package dev.emporium.gateway.policy.cache;

import io.vertx.core.MultiMap;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * How long a response may be used, worked out once when it arrives (RFC 9111 §4.2): its freshness
 * from {@code s-maxage}, {@code max-age}, {@code Expires} or else the route's {@code ttl}, never
 * beyond {@code maxTtl} and less the age it already had; then how long it may stand in for a
 * failing upstream, and how long it is kept for revalidation. Epoch milliseconds throughout.
 */
record Lifetimes(long storedAt, long initialAge, long freshUntil, long staleIfErrorUntil, long keepUntil) {

  static Lifetimes of(MultiMap headers, CacheControl cc, CachePolicyConfig config, long now) {
    long freshness;
    if (cc.noCache()) {
      freshness = 0;
    } else if (cc.sMaxAge() >= 0) {
      freshness = cc.sMaxAge();
    } else if (cc.maxAge() >= 0) {
      freshness = cc.maxAge();
    } else if (headers.contains("Expires")) {
      freshness = fromExpires(headers.get("Expires"), headers.get("Date"), now);
    } else {
      freshness = config.ttl().toSeconds();
    }
    freshness = Math.min(freshness, config.maxTtl().toSeconds());
    long age = seconds(headers.get("Age"));
    long freshUntil = now + Math.max(0, freshness - age) * 1000;
    long staleWindow = cc.mustRevalidate() ? 0
        : cc.staleIfError() >= 0 ? Math.min(cc.staleIfError(), config.maxTtl().toSeconds()) * 1000
        : config.staleIfError().toMillis();
    boolean validator = headers.contains("ETag") || headers.contains("Last-Modified");
    long keepWindow = Math.max(staleWindow, validator ? config.keepStale().toMillis() : 0);
    return new Lifetimes(now, age, freshUntil, freshUntil + staleWindow, freshUntil + keepWindow);
  }

  /** Worth storing: it can be served fresh, or revalidated, or stand in for a failing upstream. */
  boolean useful(long now) {
    return keepUntil > now;
  }

  private static long fromExpires(String expires, String date, long now) {
    Long at = httpDate(expires);
    if (at == null) return 0;
    Long origin = httpDate(date);
    return Math.max(0, (at - (origin != null ? origin : now)) / 1000);
  }

  static Long httpDate(String value) {
    if (value == null) return null;
    try {
      return ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static long seconds(String value) {
    if (value == null) return 0;
    try {
      return Math.max(0, Long.parseLong(value.trim()));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
