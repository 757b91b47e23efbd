package dev.emporium.platform.testing;

import java.net.http.HttpHeaders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A response as a test inspects it: status, headers, body text and, on demand, the body as JSON. */
public record TestResponse(int status, HttpHeaders headers, String body, JsonMapper mapper) {

  public JsonNode json() {
    return mapper.readTree(body);
  }

  public String header(String name) {
    return headers.firstValue(name).orElse(null);
  }

  public String contentType() {
    return header("Content-Type");
  }

  @Override
  public String toString() {
    return status + " " + body;
  }
}
