package dev.emporium.gateway.testing;

import io.vertx.core.MultiMap;

/**
 * A request as an upstream test server received it.
 *
 * @param method the method
 * @param uri the request target exactly as sent on the wire
 * @param headers all headers, in order
 * @param remotePort the gateway-side port of the connection, to tell connections apart
 */
public record RecordedRequest(String method, String uri, MultiMap headers, int remotePort) {

  public String header(String name) {
    return headers.get(name);
  }
}
