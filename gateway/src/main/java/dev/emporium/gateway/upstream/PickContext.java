package dev.emporium.gateway.upstream;

/** What a load balancer may consult about the request it picks an endpoint for. */
public interface PickContext {

  PickContext NONE = () -> null;

  /** The affinity key for consistent hashing, or null when the request has none. */
  String hashKey();
}
