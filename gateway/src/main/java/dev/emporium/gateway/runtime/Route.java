package dev.emporium.gateway.runtime;

import dev.emporium.gateway.config.FallbackConfig;
import dev.emporium.gateway.config.HashOnConfig;
import dev.emporium.gateway.config.TimeoutsConfig;
import dev.emporium.gateway.observe.GatewayMetrics;
import dev.emporium.gateway.policy.Policy;
import dev.emporium.gateway.resilience.RetryPolicy;
import dev.emporium.gateway.routing.PathRewriter;
import dev.emporium.gateway.upstream.Cluster;
import java.util.List;

/**
 * A compiled route: everything the request path needs, resolved once when configuration loads.
 *
 * @param name the route's name
 * @param cluster where its requests go; null for a route whose policy answers every request itself
 * @param rewriter how the upstream path is made
 * @param policies its policies, in order
 * @param retry its retry policy
 * @param timeouts its per-attempt timeouts
 * @param deadlineNanos total time for a request across attempts
 * @param preserveHost whether the client's Host goes upstream
 * @param fallback response used when no upstream answer can be had, or null
 * @param hashOn what consistent hashing keys on, or null
 * @param meters its request metrics
 * @param clusterMeters its cluster's upstream metrics; null when it has no cluster
 */
public record Route(
    String name,
    Cluster cluster,
    PathRewriter rewriter,
    List<Policy> policies,
    RetryPolicy retry,
    TimeoutsConfig timeouts,
    long deadlineNanos,
    boolean preserveHost,
    FallbackConfig fallback,
    HashOnConfig hashOn,
    GatewayMetrics.RouteMeters meters,
    GatewayMetrics.ClusterMeters clusterMeters) {

  @Override
  public String toString() {
    return name;
  }
}
