package dev.emporium.gateway.policy;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;

/**
 * What a factory may use when it builds a policy.
 *
 * @param vertx the gateway's Vert.x instance
 * @param routeName the route the policy belongs to
 * @param meters the gateway's meter registry
 */
public record PolicyContext(Vertx vertx, String routeName, MeterRegistry meters) {}
