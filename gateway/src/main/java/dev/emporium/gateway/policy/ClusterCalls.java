package dev.emporium.gateway.policy;

import io.vertx.core.Future;

/**
 * Lets a policy call a cluster of its own choosing, besides the route's forward: an aggregation
 * fetching its parts, a mirror sending its copy. A call goes through the named cluster's load
 * balancer, health state, bulkhead, circuit breaker and connection pool, exactly as a forwarded
 * attempt does, and is counted in the cluster's upstream metrics; it makes one attempt (no
 * retries), bounded as a whole by the request's timeout.
 *
 * <p>Calls belong to the exchange they are made from: they use the clusters of the configuration
 * that request runs under, the event loop's connection pools, and carry the request id and a
 * child span of the request's trace ({@code traceparent}). A call may outlive its exchange (a
 * mirror does); it still ends within its own timeout.
 */
public interface ClusterCalls {

  /**
   * Sends one request. The future fails with {@link ClusterCallException} when no response could be
   * had (no endpoint, breaker open, overloaded, connection failed, timed out, body too large); any
   * status the upstream answers with, 5xx included, is a success.
   */
  Future<ClusterResponse> send(ClusterRequest request);
}
