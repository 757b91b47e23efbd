package dev.emporium.gateway.upstream;

/**
 * Chooses an endpoint for each request. Implementations are shared by all event loops: {@link
 * #pick} may run on several threads at once, while {@link #update} is called, one call at a time,
 * whenever membership or availability changes.
 */
public interface LoadBalancer {

  /** Takes a new view of the cluster; later picks choose from {@code endpoints.available()}. */
  void update(EndpointSet endpoints);

  /** An available endpoint for this request, or null when none is available. */
  Endpoint pick(PickContext context);
}
