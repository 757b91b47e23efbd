package dev.emporium.gateway.admin;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;

/**
 * An admin resource that a policy contributes (e.g. the cache's purge), served under
 * {@code /admin} with the same bearer token as the built-in resources.
 */
public interface AdminEndpoint {

  HttpMethod method();

  /** The path under {@code /admin}, e.g. {@code /cache/purge}. */
  String path();

  /**
   * Handles one call. The request's JSON body is given as an object (empty when there is none).
   * An {@link IllegalArgumentException} becomes a 400 problem naming what is wrong.
   */
  Future<JsonObject> handle(JsonObject body);
}
