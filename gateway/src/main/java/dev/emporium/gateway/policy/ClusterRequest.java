package dev.emporium.gateway.policy;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.util.Objects;

/**
 * One request a policy sends to a cluster through {@link ClusterCalls}.
 *
 * @param cluster the cluster's name, as in {@code clusters[].name}
 * @param method the HTTP method, upper case
 * @param uri path and query, e.g. {@code /products?featured=true}
 * @param headers end-to-end headers to send; the call adds the request id, {@code traceparent} and
 *     the body's length. Never changed by the call.
 * @param body the body, or null for none
 * @param timeout the whole call, from picking an endpoint to the last byte of the response body
 * @param maxResponseBytes the largest response body kept; a larger one fails the call; 0 reads the
 *     body and discards it (the response then has an empty body), for a caller that only wants to
 *     know it was answered
 */
public record ClusterRequest(String cluster, String method, String uri, MultiMap headers, Buffer body,
    Duration timeout, long maxResponseBytes) {

  public ClusterRequest {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be positive");
    if (maxResponseBytes < 0) throw new IllegalArgumentException("maxResponseBytes cannot be negative");
  }
}
