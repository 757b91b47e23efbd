package dev.emporium.gateway.policy.traffic;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a weighted split hashes so that one user keeps landing on one cluster. Exactly one is given.
 * A request without the header or cookie gets a random draw instead.
 *
 * @param header a request header's value, e.g. {@code X-User-Id}
 * @param cookie a request cookie's value, e.g. {@code session}
 * @param clientIp the client address (after trusted-proxy resolution)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StickyConfig(String header, String cookie, Boolean clientIp) {

  public StickyConfig {
    if (Boolean.FALSE.equals(clientIp)) clientIp = null;
    int given = (header != null ? 1 : 0) + (cookie != null ? 1 : 0) + (clientIp != null ? 1 : 0);
    if (given != 1) throw new SplitConfigException("sticky", "give exactly one of header, cookie or clientIp");
    if (header != null && header.isBlank()) throw new SplitConfigException("sticky.header", "must not be blank");
    if (cookie != null && cookie.isBlank()) throw new SplitConfigException("sticky.cookie", "must not be blank");
  }
}
