package dev.emporium.gateway.config;

/**
 * A port the gateway accepts client traffic on.
 *
 * @param name names the listener in metrics and logs
 * @param host address to bind, default {@code 0.0.0.0}
 * @param port port to bind; 0 picks a free port
 * @param tls TLS termination, or null for clear text
 * @param http2 HTTP/2 over ALPN with TLS, and h2c with prior knowledge without it
 */
public record ListenerConfig(String name, String host, Integer port, TlsConfig tls, Boolean http2) {

  public ListenerConfig {
    host = host == null ? "0.0.0.0" : host;
    port = port == null ? 8080 : port;
    http2 = http2 == null ? Boolean.TRUE : http2;
    name = name == null ? "listener-" + port : name;
  }
}
