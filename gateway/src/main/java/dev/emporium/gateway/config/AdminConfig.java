package dev.emporium.gateway.config;

/**
 * The admin port: JSON API, health probes and metrics. Never served on a data port.
 *
 * @param enabled whether to open the admin port at all
 * @param host address to bind, default loopback only
 * @param port port to bind, default 9901
 * @param token bearer token the admin API requires; when absent one is generated at start and
 *     printed once
 */
public record AdminConfig(Boolean enabled, String host, Integer port, String token) {

  public static final AdminConfig DEFAULTS = new AdminConfig(null, null, null, null);

  public AdminConfig {
    enabled = enabled == null ? Boolean.TRUE : enabled;
    host = host == null ? "127.0.0.1" : host;
    port = port == null ? 9901 : port;
    token = token == null || token.isBlank() ? null : token;
  }

  /** Hides the token so that printing a configuration never prints the secret. */
  @Override
  public String toString() {
    return "AdminConfig[enabled=" + enabled + ", host=" + host + ", port=" + port
        + ", token=" + (token == null ? "generated" : "***") + "]";
  }
}
