package dev.emporium.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.gateway.config.ClusterConfig;
import dev.emporium.gateway.config.EndpointConfig;
import dev.emporium.gateway.upstream.balance.RoundRobinBalancer;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A retry's pick must not shift the balancer, or one bad endpoint would take every first attempt. */
class RetryPickTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  private Cluster cluster(String... addresses) {
    List<EndpointConfig> list = new ArrayList<>();
    for (String a : addresses) list.add(new EndpointConfig(a, null, null));
    ClusterConfig config = new ClusterConfig("c", list, null, null, null, null, null, null, null, null, null, null,
        null, null);
    Cluster cluster = new Cluster(config, new RoundRobinBalancer(), new StaticDiscovery(list));
    cluster.start(vertx);
    return cluster;
  }

  @Test
  void firstAttemptsAlternateEvenWhenEachFirstAttemptIsRetried() {
    Cluster cluster = cluster("10.0.0.1:80", "10.0.0.2:80");
    List<String> firsts = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      Endpoint first = cluster.pick(PickContext.NONE, null);
      firsts.add(first.id());
      Endpoint retry = cluster.pick(PickContext.NONE, first);
      assertThat(retry).isNotSameAs(first);
    }
    assertThat(firsts).containsExactly("10.0.0.1:80", "10.0.0.2:80", "10.0.0.1:80", "10.0.0.2:80",
        "10.0.0.1:80", "10.0.0.2:80");
  }

  @Test
  void retriesTheSameEndpointOnlyWhenItIsTheOnlyOne() {
    Cluster cluster = cluster("10.0.0.1:80");
    Endpoint only = cluster.pick(PickContext.NONE, null);
    assertThat(cluster.pick(PickContext.NONE, only)).isSameAs(only);
  }

  @Test
  void spreadsRetriesOverTheOthersByWeight() {
    List<EndpointConfig> list = List.of(new EndpointConfig("10.0.0.1:80", 1, null),
        new EndpointConfig("10.0.0.2:80", 3, null), new EndpointConfig("10.0.0.3:80", 1, null));
    Cluster cluster = new Cluster(new ClusterConfig("c", list, null, null, null, null, null, null, null, null, null,
        null, null, null), new RoundRobinBalancer(), new StaticDiscovery(list));
    cluster.start(vertx);
    Endpoint avoid = cluster.endpoints().all().get(0);
    int heavy = 0;
    for (int i = 0; i < 4000; i++) {
      Endpoint e = cluster.pick(PickContext.NONE, avoid);
      assertThat(e).isNotSameAs(avoid);
      if (e.id().equals("10.0.0.2:80")) heavy++;
    }
    assertThat(heavy / 4000.0).isBetween(0.70, 0.80);
  }
}
