package dev.emporium.gateway.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.emporium.gateway.config.ClusterConfig;
import dev.emporium.gateway.config.ConfigException;
import dev.emporium.gateway.config.ConfigProblem;
import dev.emporium.gateway.config.ConfigValidator;
import dev.emporium.gateway.config.GatewayConfig;
import dev.emporium.gateway.config.LoadedConfig;
import dev.emporium.gateway.config.PolicyConfig;
import dev.emporium.gateway.config.RouteConfig;
import dev.emporium.gateway.config.ValueMatch;
import dev.emporium.gateway.edge.TrustedProxies;
import dev.emporium.gateway.observe.GatewayMetrics;
import dev.emporium.gateway.policy.Policy;
import dev.emporium.gateway.policy.PolicyContext;
import dev.emporium.gateway.policy.PolicyRegistry;
import dev.emporium.gateway.resilience.RetryPolicy;
import dev.emporium.gateway.routing.HostPattern;
import dev.emporium.gateway.routing.PathNormalizer;
import dev.emporium.gateway.routing.PathPattern;
import dev.emporium.gateway.routing.PathRewriter;
import dev.emporium.gateway.routing.RequestPredicates;
import dev.emporium.gateway.routing.RouteDefinition;
import dev.emporium.gateway.routing.Router;
import dev.emporium.gateway.routing.ValueMatcher;
import dev.emporium.gateway.upstream.Cluster;
import dev.emporium.gateway.upstream.DiscoveryRegistry;
import dev.emporium.gateway.upstream.balance.LoadBalancers;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Validates a configuration and compiles it into a {@link GatewayState}. Clusters whose definition
 * did not change are carried over from the previous state with their health, statistics and
 * breaker; changed or new ones are built fresh and started by the caller once the swap is certain.
 */
public final class StateCompiler {

  private final Vertx vertx;
  private final PolicyRegistry policies;
  private final DiscoveryRegistry discoveries;
  private final GatewayMetrics metrics;
  private final ObjectMapper mapper;
  private final ConfigValidator validator;

  public StateCompiler(Vertx vertx, PolicyRegistry policies, DiscoveryRegistry discoveries, GatewayMetrics metrics,
      ObjectMapper mapper) {
    this.vertx = vertx;
    this.policies = policies;
    this.discoveries = discoveries;
    this.metrics = metrics;
    this.mapper = mapper;
    this.validator = new ConfigValidator(policies, discoveries, mapper);
  }

  /**
   * The result of compiling.
   *
   * @param state the new state
   * @param started clusters built for it, not yet started
   * @param retired clusters of the previous state it no longer uses
   */
  public record Compiled(GatewayState state, List<Cluster> started, List<Cluster> retired) {}

  public Compiled compile(LoadedConfig loaded, GatewayState previous) {
    List<ConfigProblem> problems = validator.validate(loaded);
    if (!problems.isEmpty()) throw new ConfigException(problems);
    GatewayConfig config = loaded.config();
    try {
      Map<String, Cluster> clusters = new LinkedHashMap<>();
      List<Cluster> started = new ArrayList<>();
      for (ClusterConfig cc : config.clusters()) {
        Cluster old = previous == null ? null : previous.clusters().get(cc.name());
        boolean zoneUnchanged = previous == null
            || java.util.Objects.equals(previous.config().server().zone(), config.server().zone());
        if (old != null && old.config().equals(cc) && zoneUnchanged) {
          clusters.put(cc.name(), old);
        } else {
          Cluster fresh = new Cluster(cc, LoadBalancers.create(cc.loadBalancer(), config.server().zone()),
              discoveries.create(cc, vertx, metrics.registry()));
          clusters.put(cc.name(), fresh);
          started.add(fresh);
        }
      }
      List<Cluster> retired = new ArrayList<>();
      if (previous != null) {
        for (Cluster old : previous.clusters().values()) {
          if (clusters.get(old.name()) != old) retired.add(old);
        }
      }
      List<Route> routes = new ArrayList<>();
      List<RouteDefinition<Route>> definitions = new ArrayList<>();
      for (RouteConfig rc : config.routes()) {
        Route route = route(config, rc, clusters.get(rc.cluster()), clusters, routes);
        routes.add(route);
        definitions.add(new RouteDefinition<>(route, PathPattern.parse(rc.match().path()),
            rc.match().hosts().stream().map(HostPattern::parse).toList(), predicates(rc)));
      }
      GatewayState state = new GatewayState(
          previous == null ? 1 : previous.version() + 1,
          loaded,
          Router.of(definitions),
          List.copyOf(routes),
          Map.copyOf(clusters),
          new PathNormalizer("keep".equals(config.server().encodedSlashes())),
          TrustedProxies.parse(config.server().trustedProxies()));
      return new Compiled(state, started, retired);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(new ConfigProblem(loaded.fileName(), 0, "", e.getMessage()));
    }
  }

  private Route route(GatewayConfig config, RouteConfig rc, Cluster cluster, Map<String, Cluster> clusters,
      List<Route> built) {
    List<Policy> chain = new ArrayList<>();
    java.util.Set<String> targetNames = new java.util.LinkedHashSet<>();
    try {
      for (PolicyConfig pc : rc.policies()) {
        PolicyRegistry.Bound<?> bound = policies.bind(pc.name(), pc.settings(), mapper);
        targetNames.addAll(bound.clusters().values());
        chain.add(bound.create(new PolicyContext(vertx, rc.name(), metrics.registry(), config)));
      }
    } catch (RuntimeException e) {
      // The configuration is refused: release what the policies made so far hold.
      chain.forEach(Policy::close);
      built.forEach(r -> r.policies().forEach(Policy::close));
      throw e;
    }
    List<Policy> policyChain = List.copyOf(chain);
    // A policy that may choose another cluster (a traffic split) gets the route compiled once per
    // such cluster, with that cluster's defaults, so the request path only swaps one reference.
    Map<String, Route> targets = new LinkedHashMap<>();
    for (String name : targetNames) {
      if (cluster == null || !name.equals(cluster.name())) {
        targets.put(name, route(config, rc, clusters.get(name), policyChain, Map.of()));
      }
    }
    return route(config, rc, cluster, policyChain, Map.copyOf(targets));
  }

  private Route route(GatewayConfig config, RouteConfig rc, Cluster cluster, List<Policy> chain,
      Map<String, Route> targets) {
    // A route without a cluster (its policy answers for it) takes the cluster defaults it never uses.
    ClusterConfig cc = cluster != null ? cluster.config()
        : new ClusterConfig("none", null, null, null, null, null, null, null, null, null, null, null, null, null);
    return new Route(
        rc.name(),
        cluster,
        PathRewriter.of(rc.stripPrefix(), rc.rewrite()),
        chain,
        new RetryPolicy(rc.retry() != null ? rc.retry() : cc.retry()),
        rc.timeouts() != null ? rc.timeouts() : cc.timeouts(),
        (rc.deadline() != null ? rc.deadline() : cc.deadline()).toNanos(),
        rc.preserveHost() != null ? rc.preserveHost() : config.server().preserveHost(),
        rc.fallback(),
        "consistent-hash".equals(cc.loadBalancer().policy()) ? cc.loadBalancer().hashOn() : null,
        metrics.route(rc.name(), cc.name()),
        cluster == null ? null : metrics.cluster(cc.name()),
        targets);
  }

  private static RequestPredicates predicates(RouteConfig rc) {
    return new RequestPredicates(
        java.util.Set.copyOf(rc.match().methods()),
        rc.match().headers().stream().map(StateCompiler::matcher).toList(),
        rc.match().query().stream().map(StateCompiler::matcher).toList());
  }

  private static ValueMatcher matcher(ValueMatch m) {
    return new ValueMatcher(m.name(), m.value(), m.regex() == null ? null : Pattern.compile(m.regex()), m.present());
  }
}
