package dev.emporium.gateway.upstream;

import dev.emporium.gateway.config.EndpointConfig;
import java.util.List;
import java.util.function.Consumer;

/** Members listed in the configuration file; they change only when the file is reloaded. */
public final class StaticDiscovery implements Discovery {

  private final List<Member> members;

  public StaticDiscovery(List<EndpointConfig> endpoints) {
    this.members = endpoints.stream()
        .map(e -> new Member(EndpointAddress.parse(e.address()), e.weight(), e.zone()))
        .toList();
  }

  @Override
  public void start(Consumer<List<Member>> listener) {
    listener.accept(members);
  }

  @Override
  public void close() {}
}
