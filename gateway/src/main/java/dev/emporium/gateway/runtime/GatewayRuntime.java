package dev.emporium.gateway.runtime;

import io.netty.util.HashedWheelTimer;
import java.util.concurrent.TimeUnit;

import dev.emporium.gateway.observe.AccessLog;
import dev.emporium.gateway.observe.GatewayMetrics;
import dev.emporium.gateway.observe.Tracing;

/**
 * What every event loop shares: the current compiled state (swapped atomically on reload),
 * whether the gateway is draining, and the observability sinks.
 */
public final class GatewayRuntime {

  private volatile GatewayState state;
  private volatile boolean draining;
  private final GatewayMetrics metrics;
  private final AccessLog accessLog;
  private final Tracing tracing;
  /**
   * Attempt timeouts. A hashed wheel with 10 ms ticks: a timeout is set and cancelled on nearly
   * every request, and the event loops' own timers cost a priority-queue and map update each.
   */
  private final HashedWheelTimer timeouts = new HashedWheelTimer(
      Thread.ofPlatform().name("emporium-timeouts").daemon().factory(), 10, TimeUnit.MILLISECONDS, 1024);

  public GatewayRuntime(GatewayState initial, GatewayMetrics metrics, AccessLog accessLog, Tracing tracing) {
    this.state = initial;
    this.metrics = metrics;
    this.accessLog = accessLog;
    this.tracing = tracing;
  }

  public GatewayState state() {
    return state;
  }

  public void swap(GatewayState next) {
    this.state = next;
  }

  public boolean draining() {
    return draining;
  }

  public void startDraining() {
    draining = true;
  }

  public GatewayMetrics metrics() {
    return metrics;
  }

  /** The access log, or null when disabled. */
  public AccessLog accessLog() {
    return accessLog;
  }

  public Tracing tracing() {
    return tracing;
  }

  public HashedWheelTimer timeouts() {
    return timeouts;
  }
}
