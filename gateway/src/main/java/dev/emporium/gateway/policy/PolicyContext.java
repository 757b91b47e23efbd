package dev.emporium.gateway.policy;

import dev.emporium.gateway.config.GatewayConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;

/**
 * What a factory may use when it builds a policy.
 *
 * @param vertx the gateway's Vert.x instance
 * @param routeName the route the policy belongs to
 * @param meters the gateway's meter registry
 * @param config the whole configuration being loaded, for gateway-wide settings (e.g. {@code cache});
 *     one of defaults when the caller has none
 */
public record PolicyContext(Vertx vertx, String routeName, MeterRegistry meters, GatewayConfig config) {

  public PolicyContext {
    if (config == null) config = new GatewayConfig(null, null, null, null, null, null, null, null, null);
  }

  public PolicyContext(Vertx vertx, String routeName, MeterRegistry meters) {
    this(vertx, routeName, meters, null);
  }
}
