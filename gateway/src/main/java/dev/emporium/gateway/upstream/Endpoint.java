package dev.emporium.gateway.upstream;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One upstream instance and what the gateway knows of it right now: requests in flight, health
 * from active checks, ejection by outlier detection, and response-time statistics. Shared by all
 * event loops, so every field is safe to read and update from any of them.
 */
public final class Endpoint {

  private final EndpointAddress address;
  private final int weight;
  private final String zone;
  private final String id;
  /** Made once: every attempt needs it, and Vert.x would otherwise parse the host each time. */
  private final io.vertx.core.net.SocketAddress socketAddress;

  private final AtomicInteger inFlight = new AtomicInteger();
  private final ResponseTimeStats responseTimes = new ResponseTimeStats();
  private volatile boolean healthy = true;
  private volatile long ejectedUntilNanos;
  private volatile boolean ejected;

  public Endpoint(EndpointAddress address, int weight, String zone) {
    this.address = address;
    this.weight = weight;
    this.zone = zone;
    this.id = address.toString();
    this.socketAddress = io.vertx.core.net.SocketAddress.inetSocketAddress(address.port(), address.host());
  }

  public EndpointAddress address() {
    return address;
  }

  public io.vertx.core.net.SocketAddress socketAddress() {
    return socketAddress;
  }

  /** host:port, as it appears in logs, metrics and the admin API. */
  public String id() {
    return id;
  }

  public int weight() {
    return weight;
  }

  public String zone() {
    return zone;
  }

  public int inFlight() {
    return inFlight.get();
  }

  public void requestStarted() {
    inFlight.incrementAndGet();
  }

  public void requestEnded() {
    inFlight.decrementAndGet();
  }

  public ResponseTimeStats responseTimes() {
    return responseTimes;
  }

  /** Health as active checks last judged it. */
  public boolean healthy() {
    return healthy;
  }

  void healthy(boolean healthy) {
    this.healthy = healthy;
  }

  public boolean ejected() {
    return ejected;
  }

  public long ejectedUntilNanos() {
    return ejectedUntilNanos;
  }

  void eject(long untilNanos) {
    this.ejectedUntilNanos = untilNanos;
    this.ejected = true;
  }

  void unEject() {
    this.ejected = false;
  }

  /** Whether requests may go to it: healthy and not ejected. */
  public boolean available() {
    return healthy && !ejected;
  }

  @Override
  public String toString() {
    return id;
  }
}
