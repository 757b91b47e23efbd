package dev.emporium.gateway.policy.ratelimit;

/**
 * One limit's answer for one request.
 *
 * @param limit the limit that answered
 * @param allowed whether the request may pass this limit
 * @param remaining requests this key may still make now
 * @param resetNanos time until the key's quota is whole again
 * @param retryNanos when refused, time until a request could pass; 0 when allowed
 */
record Decision(LimitConfig limit, boolean allowed, long remaining, long resetNanos, long retryNanos) {

  /** Whether this answer leaves the client less room than {@code other}: fewer left, or longer to wait. */
  boolean moreRestrictiveThan(Decision other) {
    if (allowed != other.allowed) return !allowed;
    if (!allowed) return retryNanos > other.retryNanos;
    if (remaining != other.remaining) return remaining < other.remaining;
    return resetNanos > other.resetNanos;
  }

  static long seconds(long nanos) {
    return nanos <= 0 ? 0 : (nanos + 999_999_999L) / 1_000_000_000L;
  }
}
