package dev.emporium.gateway.policy.mirror;

import dev.emporium.gateway.config.ByteSize;
import dev.emporium.gateway.policy.ClusterReferences;
import java.time.Duration;
import java.util.Map;

/**
 * Settings of the {@code mirror} policy.
 *
 * @param cluster the shadow cluster that gets the copies
 * @param share the share of requests mirrored, 0.0 to 1.0; default 1.0 (every request)
 * @param timeout the whole mirrored call; default 2s
 * @param maxConcurrent mirrored calls in flight at once for this route, per gateway; past it,
 *     copies are dropped and counted; default 64
 * @param maxBodySize the largest request body mirrored, copied as it streams to the real upstream;
 *     requests with larger bodies are not mirrored (counted as dropped); 0 mirrors only requests
 *     without a body; default 64KiB
 */
public record MirrorConfig(String cluster, Double share, Duration timeout, Integer maxConcurrent, ByteSize maxBodySize)
    implements ClusterReferences {

  public MirrorConfig {
    if (cluster == null || cluster.isBlank()) throw new IllegalArgumentException("cluster is required");
    share = share == null ? 1.0 : share;
    if (!(share >= 0 && share <= 1)) throw new IllegalArgumentException("share must be between 0.0 and 1.0, is " + share);
    timeout = timeout == null ? Duration.ofSeconds(2) : timeout;
    if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be positive");
    maxConcurrent = maxConcurrent == null ? 64 : maxConcurrent;
    if (maxConcurrent < 1 || maxConcurrent > 100_000) {
      throw new IllegalArgumentException("maxConcurrent must be between 1 and 100000, is " + maxConcurrent);
    }
    maxBodySize = maxBodySize == null ? ByteSize.ofKibibytes(64) : maxBodySize;
    if (maxBodySize.bytes() > (16L << 20)) throw new IllegalArgumentException("maxBodySize must be at most 16MiB");
  }

  @Override
  public Map<String, String> clusterReferences() {
    return Map.of("cluster", cluster);
  }
}
