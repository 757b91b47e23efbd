package dev.emporium.gateway.config;

import java.time.Duration;

/**
 * Connections kept to each endpoint, per event loop.
 *
 * @param maxConnections HTTP/1.1 connections per endpoint per event loop
 * @param maxWaitQueue requests waiting for a connection; beyond it the attempt fails at once
 * @param keepAlive how long an idle pooled connection is kept
 */
public record PoolConfig(Integer maxConnections, Integer maxWaitQueue, Duration keepAlive) {

  public static final PoolConfig DEFAULTS = new PoolConfig(null, null, null);

  public PoolConfig {
    maxConnections = maxConnections == null ? 128 : maxConnections;
    maxWaitQueue = maxWaitQueue == null ? 1024 : maxWaitQueue;
    keepAlive = keepAlive == null ? Duration.ofSeconds(60) : keepAlive;
  }
}
