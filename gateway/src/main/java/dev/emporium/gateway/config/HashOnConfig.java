package dev.emporium.gateway.config;

/**
 * The request attribute a consistent-hash balancer keys on. Exactly one is given.
 *
 * @param header a request header's value
 * @param cookie a request cookie's value
 * @param clientIp the client address (after trusted-proxy resolution)
 */
public record HashOnConfig(String header, String cookie, Boolean clientIp) {

  public HashOnConfig {
    clientIp = clientIp != null && clientIp;
  }
}
