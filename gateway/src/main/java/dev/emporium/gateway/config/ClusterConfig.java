package dev.emporium.gateway.config;

import java.time.Duration;
import java.util.List;

/**
 * An upstream cluster: a set of interchangeable endpoints and how to talk to them.
 *
 * @param name names the cluster in routes, metrics and the admin API
 * @param endpoints static endpoints
 * @param discovery where endpoints come from; default static, from {@code endpoints}
 * @param protocol {@code http1} or {@code http2} (h2c with prior knowledge) towards the endpoints
 * @param loadBalancer how an endpoint is chosen
 * @param deadline default total time for a request across attempts, see {@link RouteConfig}
 * @param timeouts per-attempt timeouts
 * @param retry default retry policy for routes to this cluster
 * @param retryBudget cap on retries as a share of requests
 * @param healthCheck active health checking
 * @param outlierDetection passive ejection of failing endpoints
 * @param circuitBreaker the cluster's circuit breaker
 * @param bulkhead the cluster's concurrent-request cap
 * @param pool connection pool per endpoint
 */
public record ClusterConfig(
    String name,
    List<EndpointConfig> endpoints,
    DiscoveryConfig discovery,
    String protocol,
    LoadBalancerConfig loadBalancer,
    Duration deadline,
    TimeoutsConfig timeouts,
    RetryConfig retry,
    RetryBudgetConfig retryBudget,
    HealthCheckConfig healthCheck,
    OutlierDetectionConfig outlierDetection,
    CircuitBreakerConfig circuitBreaker,
    BulkheadConfig bulkhead,
    PoolConfig pool) {

  public ClusterConfig {
    endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
    discovery = discovery == null ? DiscoveryConfig.STATIC : discovery;
    protocol = protocol == null ? "http1" : protocol;
    loadBalancer = loadBalancer == null ? LoadBalancerConfig.DEFAULTS : loadBalancer;
    deadline = deadline == null ? Duration.ofSeconds(15) : deadline;
    timeouts = timeouts == null ? TimeoutsConfig.DEFAULTS : timeouts;
    retry = retry == null ? RetryConfig.DEFAULTS : retry;
    retryBudget = retryBudget == null ? RetryBudgetConfig.DEFAULTS : retryBudget;
    healthCheck = healthCheck == null ? HealthCheckConfig.DEFAULTS : healthCheck;
    outlierDetection = outlierDetection == null ? OutlierDetectionConfig.DEFAULTS : outlierDetection;
    circuitBreaker = circuitBreaker == null ? CircuitBreakerConfig.DEFAULTS : circuitBreaker;
    bulkhead = bulkhead == null ? BulkheadConfig.DEFAULTS : bulkhead;
    pool = pool == null ? PoolConfig.DEFAULTS : pool;
  }
}
