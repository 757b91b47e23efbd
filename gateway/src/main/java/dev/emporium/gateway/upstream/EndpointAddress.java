package dev.emporium.gateway.upstream;

/**
 * Where an endpoint listens.
 *
 * @param host host name or IP literal (IPv6 without brackets)
 * @param port TCP port
 */
public record EndpointAddress(String host, int port) {

  public static EndpointAddress parse(String text) {
    if (text == null || text.isBlank()) throw new IllegalArgumentException("an address is host:port");
    String s = text.trim();
    if (s.startsWith("http://") || s.startsWith("https://")) {
      throw new IllegalArgumentException("'" + text + "': write host:port without a scheme");
    }
    String host;
    String portText;
    if (s.startsWith("[")) {
      int close = s.indexOf(']');
      if (close < 0 || close + 1 >= s.length() || s.charAt(close + 1) != ':') {
        throw new IllegalArgumentException("'" + text + "' is not [ipv6]:port");
      }
      host = s.substring(1, close);
      portText = s.substring(close + 2);
    } else {
      int colon = s.lastIndexOf(':');
      if (colon <= 0 || s.indexOf(':') != colon) throw new IllegalArgumentException("'" + text + "' is not host:port");
      host = s.substring(0, colon);
      portText = s.substring(colon + 1);
    }
    int port;
    try {
      port = Integer.parseInt(portText);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' has no valid port");
    }
    if (port < 1 || port > 65535) throw new IllegalArgumentException("'" + text + "': port must be 1-65535");
    return new EndpointAddress(host, port);
  }

  @Override
  public String toString() {
    return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
  }
}
