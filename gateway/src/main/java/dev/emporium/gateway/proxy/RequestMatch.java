package dev.emporium.gateway.proxy;

import dev.emporium.gateway.routing.MatchInput;
import io.vertx.core.http.HttpServerRequest;

/** A request as the router sees it: normalized host and path, and lazy header and query lookups. */
final class RequestMatch implements MatchInput {

  private final HttpServerRequest request;
  private final String host;
  private final String path;

  RequestMatch(HttpServerRequest request, String host, String path) {
    this.request = request;
    this.host = host;
    this.path = path;
  }

  @Override
  public String host() {
    return host;
  }

  @Override
  public String path() {
    return path;
  }

  @Override
  public String method() {
    return request.method().name();
  }

  @Override
  public String header(String name) {
    return request.getHeader(name);
  }

  @Override
  public String queryParam(String name) {
    return request.getParam(name);
  }
}
