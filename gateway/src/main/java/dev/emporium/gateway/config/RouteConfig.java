package dev.emporium.gateway.config;

import java.time.Duration;
import java.util.List;

/**
 * A route: which requests it takes ({@link MatchConfig}) and where they go.
 *
 * @param name names the route in metrics, logs and the admin API
 * @param match predicates a request must satisfy
 * @param cluster the upstream cluster requests are forwarded to; may be left out when one of the
 *     route's policies answers every request itself ({@code aggregate})
 * @param stripPrefix a leading path prefix removed before forwarding, e.g. {@code /api}
 * @param rewrite a path template for the upstream, may use the match's {@code {params}}
 * @param deadline total time for the request across all attempts and backoff, counted from when
 *     the request (with its body) has been received; no attempt or retry starts past it; default
 *     from the cluster
 * @param timeouts per-attempt timeouts, overriding the cluster's
 * @param retry retry policy, overriding the cluster's
 * @param preserveHost overrides {@code server.preserveHost} for this route
 * @param fallback response sent when no upstream answer can be had
 * @param policies policies applied in order, each a single-key map from policy name to its settings
 */
public record RouteConfig(
    String name,
    MatchConfig match,
    String cluster,
    String stripPrefix,
    String rewrite,
    Duration deadline,
    TimeoutsConfig timeouts,
    RetryConfig retry,
    Boolean preserveHost,
    FallbackConfig fallback,
    List<PolicyConfig> policies) {

  public RouteConfig {
    match = match == null ? new MatchConfig(null, null, null, null, null) : match;
    policies = policies == null ? List.of() : List.copyOf(policies);
  }
}
