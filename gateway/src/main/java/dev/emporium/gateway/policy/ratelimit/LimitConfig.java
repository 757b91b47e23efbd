package dev.emporium.gateway.policy.ratelimit;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * One limit of a {@code rate-limit} policy: how many requests one key may make per period, and by
 * which algorithm. Validated when built; the error names the field.
 *
 * @param name names the limit in metrics, headers and 429 answers; default the key kind
 * @param key what a bucket is kept per: {@code user} (the verified subject), {@code consumer} (the
 *     API-key consumer), {@code ip} (the client address), {@code route} (one bucket for the route)
 *     or {@code header}; default {@code user}
 * @param header the header that carries the key. For {@code user} and {@code consumer} it is read
 *     from the request headers the gateway sends upstream, where the identity policy put it
 *     (default {@code X-User-Id} and {@code X-Consumer}); for {@code header} it is required
 * @param whenMissing when the key's header is absent: {@code ip} (count the client address
 *     instead) or {@code refuse} (401); default {@code ip}
 * @param algorithm {@code token-bucket} or {@code sliding-window}; default {@code token-bucket}
 * @param capacity requests allowed per period (the bucket's size); default 1000
 * @param period the period; default 1 minute
 * @param refillTokens token bucket: tokens added back per period; default {@code capacity}
 * @param refill token bucket: {@code greedy} (tokens trickle back evenly) or {@code interval}
 *     (all at once at the end of each period); default {@code greedy}
 */
public record LimitConfig(
    String name,
    String key,
    String header,
    String whenMissing,
    String algorithm,
    Long capacity,
    Duration period,
    Long refillTokens,
    String refill) {

  static final Set<String> KEYS = Set.of("user", "consumer", "ip", "route", "header");
  static final Set<String> ALGORITHMS = Set.of("token-bucket", "sliding-window");

  /** The specification's default: 1000 requests per minute per user. */
  public static final LimitConfig DEFAULT = new LimitConfig(null, null, null, null, null, null, null, null, null);

  public LimitConfig {
    key = lower(key, "user");
    if (!KEYS.contains(key)) {
      throw new IllegalArgumentException("key must be one of user, consumer, ip, route, header; got '" + key + "'");
    }
    name = name == null ? key : name;
    if (name.isBlank() || !name.matches("[A-Za-z0-9_.-]+")) {
      throw new IllegalArgumentException("name must be letters, digits, '.', '_' or '-'; got '" + name + "'");
    }
    if (header == null) {
      if (key.equals("header")) throw new IllegalArgumentException("header is required when key is header");
      header = key.equals("user") ? "X-User-Id" : key.equals("consumer") ? "X-Consumer" : null;
    } else if (!key.equals("header") && !key.equals("user") && !key.equals("consumer")) {
      throw new IllegalArgumentException("header applies only to the keys user, consumer and header, not " + key);
    } else if (!header.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
      throw new IllegalArgumentException("header is not a valid header name: '" + header + "'");
    }
    whenMissing = lower(whenMissing, "ip");
    if (!whenMissing.equals("ip") && !whenMissing.equals("refuse")) {
      throw new IllegalArgumentException("whenMissing must be ip or refuse; got '" + whenMissing + "'");
    }
    algorithm = lower(algorithm, "token-bucket");
    if (!ALGORITHMS.contains(algorithm)) {
      throw new IllegalArgumentException("algorithm must be token-bucket or sliding-window; got '" + algorithm + "'");
    }
    capacity = capacity == null ? 1000L : capacity;
    if (capacity < 1 || capacity > 1_000_000_000L) {
      throw new IllegalArgumentException("capacity must be between 1 and 1000000000; got " + capacity);
    }
    period = period == null ? Duration.ofMinutes(1) : period;
    if (period.toMillis() < 1 || period.compareTo(Duration.ofDays(1)) > 0) {
      throw new IllegalArgumentException("period must be between 1ms and 1d; got " + period);
    }
    boolean bucket = algorithm.equals("token-bucket");
    if (!bucket && (refillTokens != null || refill != null)) {
      throw new IllegalArgumentException("refillTokens and refill apply only to the token-bucket algorithm");
    }
    refillTokens = refillTokens == null ? capacity : refillTokens;
    if (refillTokens < 1 || refillTokens > capacity) {
      throw new IllegalArgumentException("refillTokens must be between 1 and capacity (" + capacity + "); got " + refillTokens);
    }
    refill = lower(refill, "greedy");
    if (!refill.equals("greedy") && !refill.equals("interval")) {
      throw new IllegalArgumentException("refill must be greedy or interval; got '" + refill + "'");
    }
  }

  boolean tokenBucket() {
    return algorithm.equals("token-bucket");
  }

  /**
   * A short fingerprint of what the counts mean (algorithm, capacity, period, refill), part of
   * every shared key: after a change of the limit, buckets start afresh instead of being read with
   * the wrong meaning, and two instances share counts only when they agree on the limit.
   */
  String fingerprint() {
    String text = algorithm + "|" + capacity + "|" + period.toNanos() + "|" + refillTokens + "|" + refill;
    return Integer.toHexString(text.hashCode());
  }

  /** How the limit reads in a 429's detail, e.g. {@code 100 requests per 1m}. */
  String describe() {
    return capacity + (capacity == 1 ? " request" : " requests") + " per "
        + dev.emporium.gateway.config.Durations.format(period);
  }

  private static String lower(String value, String fallback) {
    return value == null ? fallback : value.toLowerCase(Locale.ROOT);
  }
}
