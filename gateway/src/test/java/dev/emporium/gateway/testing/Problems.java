package dev.emporium.gateway.testing;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;

/** Reads the gateway's problem+json answers in tests. */
public final class Problems {

  private Problems() {}

  /** The short problem type ({@code upstream-timeout}), or null when the body is not a problem. */
  public static String type(HttpResponse<String> response) {
    if (!response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
      return null;
    }
    String type = new JsonObject(response.body()).getString("type");
    return type == null ? null : type.substring(type.lastIndexOf('/') + 1);
  }

  public static String detail(HttpResponse<String> response) {
    return new JsonObject(response.body()).getString("detail");
  }
}
