package dev.emporium.gateway.policy;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/**
 * A cluster's complete answer to a {@link ClusterRequest}.
 *
 * @param status the upstream's status
 * @param headers its end-to-end headers
 * @param body its body, read in full (empty when it sent none)
 */
public record ClusterResponse(int status, MultiMap headers, Buffer body) {}
