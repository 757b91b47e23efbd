package dev.emporium.gateway.upstream;

import java.util.List;
import java.util.function.Consumer;

/**
 * Where a cluster learns its members. A discovery reports the full member list each time it
 * changes; the cluster keeps the state (health, statistics) of members that stay.
 */
public interface Discovery extends AutoCloseable {

  /** A member as discovery reports it. */
  record Member(EndpointAddress address, int weight, String zone) {}

  /** Starts discovery; {@code listener} receives the first list and every change after it. */
  void start(Consumer<List<Member>> listener);

  /** Stops watching. */
  @Override
  void close();
}
