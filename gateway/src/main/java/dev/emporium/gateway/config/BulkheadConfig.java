package dev.emporium.gateway.config;

/**
 * The cluster's bulkhead: a cap on requests in flight to it, so that one slow cluster cannot take
 * every connection and buffer of the gateway.
 *
 * @param maxConcurrentRequests requests in flight at once; beyond it, 503 with Retry-After
 */
public record BulkheadConfig(Integer maxConcurrentRequests) {

  public static final BulkheadConfig DEFAULTS = new BulkheadConfig(null);

  public BulkheadConfig {
    maxConcurrentRequests = maxConcurrentRequests == null ? 1024 : maxConcurrentRequests;
  }
}
