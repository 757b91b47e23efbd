package dev.emporium.gateway.policy.transform;

/**
 * The {@code transform} policy's settings: changes to the request on its way upstream and to the
 * response on its way back. At least one side is required.
 *
 * @param request changes to the upstream request
 * @param response changes to the client's response
 */
public record TransformConfig(Request request, Response response) {

  public TransformConfig {
    if (request == null && response == null) {
      throw new IllegalArgumentException("give request or response changes (or both)");
    }
  }

  /**
   * @param headers header changes on the upstream request
   * @param path the upstream path, a template that may use the route's path parameters ({@code /v2/orders/{id}})
   * @param query query parameter changes
   */
  public record Request(HeaderEdits headers, String path, QueryEdits query) {

    public Request {
      headers = headers == null ? HeaderEdits.NONE : headers;
      query = query == null ? QueryEdits.NONE : query;
      HeaderGuard.check(headers, HeaderGuard.Side.REQUEST, "request.headers");
      if (path != null) PathTemplate.parse(path);
    }
  }

  /**
   * @param headers header changes on every response, the upstream's or the gateway's own
   * @param json changes to JSON bodies from the upstream
   */
  public record Response(HeaderEdits headers, JsonEdits json) {

    public Response {
      headers = headers == null ? HeaderEdits.NONE : headers;
      HeaderGuard.check(headers, HeaderGuard.Side.RESPONSE, "response.headers");
    }
  }
}
