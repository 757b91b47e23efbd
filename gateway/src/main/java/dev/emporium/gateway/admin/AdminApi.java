package dev.emporium.gateway.admin;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** What the admin port shows and does; implemented by the gateway. */
public interface AdminApi {

  /** Ready for traffic: listeners bound and not draining. */
  boolean ready();

  /** Prometheus exposition text. */
  String metrics();

  JsonArray routes();

  JsonArray clusters();

  JsonObject config();

  /** The compiled configuration serving now. */
  dev.emporium.gateway.runtime.GatewayState state();

  /** Reloads the configuration file; {@code applied} false with {@code problems} when it is refused. */
  JsonObject reload();

  /** Resources contributed by policies, e.g. the cache's purge. */
  default java.util.List<AdminEndpoint> endpoints() {
    return java.util.List.of();
  }
}
