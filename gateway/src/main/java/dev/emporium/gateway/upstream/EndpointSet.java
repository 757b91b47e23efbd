package dev.emporium.gateway.upstream;

import java.util.List;

/**
 * A cluster's endpoints at one moment: all of them, and those requests may go to.
 *
 * @param all every known endpoint
 * @param available those healthy and not ejected, in the same order
 */
public record EndpointSet(List<Endpoint> all, List<Endpoint> available) {

  public static final EndpointSet EMPTY = new EndpointSet(List.of(), List.of());

  public EndpointSet {
    all = List.copyOf(all);
    available = List.copyOf(available);
  }

  public static EndpointSet of(List<Endpoint> all) {
    return new EndpointSet(all, all.stream().filter(Endpoint::available).toList());
  }
}
