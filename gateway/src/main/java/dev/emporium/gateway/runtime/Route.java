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
 * @param targets this route as it forwards to each other cluster its policies may choose (see
 *     {@link dev.emporium.gateway.policy.PolicyFactory#clusters}), by cluster name; empty for most
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
    GatewayMetrics.ClusterMeters clusterMeters,
    java.util.Map<String, Route> targets) {

  public Route(String name, Cluster cluster, PathRewriter rewriter, List<Policy> policies, RetryPolicy retry,
      TimeoutsConfig timeouts, long deadlineNanos, boolean preserveHost, FallbackConfig fallback, HashOnConfig hashOn,
      GatewayMetrics.RouteMeters meters, GatewayMetrics.ClusterMeters clusterMeters) {
    this(name, cluster, rewriter, policies, retry, timeouts, deadlineNanos, preserveHost, fallback, hashOn, meters,
        clusterMeters, java.util.Map.of());
  }

  /**
   * This route as it forwards to the named cluster: itself for its own cluster, a compiled target
   * for a cluster one of its policies may choose, or null when it cannot forward there.
   */
  public Route target(String clusterName) {
    return cluster != null && cluster.name().equals(clusterName) ? this : targets.get(clusterName);
  }

  @Override
  public String toString() {
    return name;
  }
}
