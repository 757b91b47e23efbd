package dev.emporium.gateway.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.emporium.gateway.edge.Cidr;
import dev.emporium.gateway.policy.ClusterReferences;
import dev.emporium.gateway.policy.PolicyRegistry;
import dev.emporium.gateway.routing.HostPattern;
import dev.emporium.gateway.routing.PathPattern;
import dev.emporium.gateway.routing.PathRewriter;
import dev.emporium.gateway.upstream.DiscoveryRegistry;
import dev.emporium.gateway.upstream.DiscoverySettingException;
import dev.emporium.gateway.upstream.EndpointAddress;
import dev.emporium.gateway.upstream.balance.LoadBalancers;
import dev.emporium.gateway.upstream.health.StatusRange;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks a loaded configuration as a whole and reports every problem at once, each with its file,
 * line and field, so a user fixes a file in one pass rather than one error at a time.
 */
public final class ConfigValidator {

  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final Set<String> RETRY_ON = Set.of("connect-failure", "reset", "503", "timeout");
  private static final Set<String> TLS_PROTOCOLS = Set.of("TLSv1.2", "TLSv1.3");

  private final PolicyRegistry policies;
  private final DiscoveryRegistry discoveries;
  private final ObjectMapper mapper;

  public ConfigValidator(PolicyRegistry policies, DiscoveryRegistry discoveries, ObjectMapper mapper) {
    this.policies = policies;
    this.discoveries = discoveries;
    this.mapper = mapper;
  }

  /** Every problem found; empty when the configuration can be used. */
  public List<ConfigProblem> validate(LoadedConfig loaded) {
    Checks c = new Checks(loaded);
    GatewayConfig config = loaded.config();
    listeners(c, config);
    server(c, config.server());
    limits(c, config.limits());
    admin(c, config);
    accessLogAndTracing(c, config);
    Set<String> clusterNames = clusters(c, config);
    routes(c, config, clusterNames);
    return c.problems;
  }

  private static final class Checks {
    final LoadedConfig loaded;
    final List<ConfigProblem> problems = new ArrayList<>();

    Checks(LoadedConfig loaded) {
      this.loaded = loaded;
    }

    void require(boolean ok, String field, String message) {
      if (!ok) problems.add(loaded.problem(field, message));
    }

    void positive(Duration d, String field) {
      require(d != null && !d.isNegative() && !d.isZero(), field, "must be a positive duration");
    }

    void range(long value, long min, long max, String field) {
      require(value >= min && value <= max, field, "must be between " + min + " and " + max + ", is " + value);
    }

    void fails(String field, RuntimeException e) {
      problems.add(loaded.problem(field, e.getMessage()));
    }
  }

  private void listeners(Checks c, GatewayConfig config) {
    c.require(!config.listeners().isEmpty(), "listeners", "at least one listener is needed");
    Set<String> names = new HashSet<>();
    Set<String> binds = new HashSet<>();
    for (int i = 0; i < config.listeners().size(); i++) {
      ListenerConfig l = config.listeners().get(i);
      String f = "listeners[" + i + "]";
      c.require(names.add(l.name()), f + ".name", "listener name '" + l.name() + "' is used twice");
      c.range(l.port(), 0, 65535, f + ".port");
      c.require(l.port() == 0 || binds.add(l.host() + ":" + l.port()), f + ".port",
          "another listener already binds " + l.host() + ":" + l.port());
      if (l.tls() != null) {
        TlsConfig tls = l.tls();
        c.require(tls.certificate() != null, f + ".tls.certificate", "a PEM certificate file is required");
        c.require(tls.privateKey() != null, f + ".tls.privateKey", "a PEM private key file is required");
        if (tls.certificate() != null) readable(c, tls.certificate(), f + ".tls.certificate");
        if (tls.privateKey() != null) readable(c, tls.privateKey(), f + ".tls.privateKey");
        c.require(!tls.protocols().isEmpty() && TLS_PROTOCOLS.containsAll(tls.protocols()), f + ".tls.protocols",
            "supported protocols are TLSv1.2 and TLSv1.3");
        c.positive(tls.reloadInterval(), f + ".tls.reloadInterval");
      }
    }
  }

  private static void readable(Checks c, String file, String field) {
    c.require(Files.isReadable(Path.of(file)), field, "cannot read file '" + file + "'");
  }

  private void server(Checks c, ServerConfig s) {
    c.range(s.eventLoops(), 0, 1024, "server.eventLoops");
    c.require(!s.drainTimeout().isNegative(), "server.drainTimeout", "cannot be negative");
    for (int i = 0; i < s.trustedProxies().size(); i++) {
      try {
        Cidr.parse(s.trustedProxies().get(i));
      } catch (IllegalArgumentException e) {
        c.fails("server.trustedProxies[" + i + "]", e);
      }
    }
    c.require(TOKEN.matcher(s.requestIdHeader()).matches(), "server.requestIdHeader", "is not a valid header name");
    for (int i = 0; i < s.identityHeaders().size(); i++) {
      String h = s.identityHeaders().get(i);
      c.require(h != null && !h.isBlank() && h.chars().allMatch(ch -> ch > 0x20 && ch < 0x7f && "()<>@,;:\\\"/[]?={}".indexOf(ch) < 0),
          "server.identityHeaders[" + i + "]", "'" + h + "' is not a header name");
    }
    c.require(Set.of("reject", "keep").contains(s.encodedSlashes()), "server.encodedSlashes",
        "must be 'reject' or 'keep'");
    c.positive(s.watchInterval(), "server.watchInterval");
    c.require(Set.of("auto", "io_uring", "epoll", "nio").contains(s.transport()), "server.transport",
        "must be 'auto', 'io_uring', 'epoll' or 'nio'");
  }

  private void limits(Checks c, LimitsConfig l) {
    c.range(l.maxRequestLineLength(), 256, 1 << 20, "limits.maxRequestLineLength");
    c.range(l.maxHeaderSize().bytes(), 1024, 1 << 20, "limits.maxHeaderSize");
    c.range(l.maxHeaderCount(), 1, 10_000, "limits.maxHeaderCount");
    c.positive(l.headerReadTimeout(), "limits.headerReadTimeout");
    c.positive(l.idleTimeout(), "limits.idleTimeout");
  }

  private void admin(Checks c, GatewayConfig config) {
    AdminConfig a = config.admin();
    c.range(a.port(), 0, 65535, "admin.port");
    for (ListenerConfig l : config.listeners()) {
      c.require(!a.enabled() || a.port() == 0 || a.port().intValue() != l.port().intValue(), "admin.port",
          "the admin port must differ from every data port; listener '" + l.name() + "' uses " + l.port());
    }
    c.require(a.token() == null || a.token().length() >= 16, "admin.token",
        "must be at least 16 characters; prefer ${EMPORIUM_ADMIN_TOKEN} over a token in the file");
  }

  private void accessLogAndTracing(Checks c, GatewayConfig config) {
    c.range(config.accessLog().queueSize(), 1, 10_000_000, "accessLog.queueSize");
    c.require(Set.of("never", "errors", "always").contains(config.accessLog().passport()), "accessLog.passport",
        "must be 'never', 'errors' or 'always'");
    TracingConfig t = config.tracing();
    c.require(Set.of("none", "otlp", "logging").contains(t.exporter()), "tracing.exporter",
        "must be 'none', 'otlp' or 'logging'");
    c.require(t.sampleRatio() >= 0 && t.sampleRatio() <= 1, "tracing.sampleRatio", "must be between 0.0 and 1.0");
    if ("otlp".equals(t.exporter())) {
      try {
        URI uri = URI.create(t.endpoint());
        c.require(uri.getScheme() != null && uri.getScheme().startsWith("http"), "tracing.endpoint",
            "must be an http(s) URL");
      } catch (IllegalArgumentException e) {
        c.fails("tracing.endpoint", e);
      }
    }
  }

  private Set<String> clusters(Checks c, GatewayConfig config) {
    Set<String> names = new HashSet<>();
    for (int i = 0; i < config.clusters().size(); i++) {
      ClusterConfig cl = config.clusters().get(i);
      String f = "clusters[" + i + "]";
      if (cl.name() == null || !NAME.matcher(cl.name()).matches()) {
        c.require(false, f + ".name", "a cluster needs a name of letters, digits, '.', '_' or '-'");
        continue;
      }
      c.require(names.add(cl.name()), f + ".name", "cluster name '" + cl.name() + "' is used twice");
      if (!discoveries.knows(cl.discovery().type())) {
        c.require(false, f + ".discovery.type", "unknown discovery '" + cl.discovery().type() + "'; known: "
            + String.join(", ", discoveries.types()));
      } else {
        try {
          discoveries.validate(cl);
        } catch (DiscoverySettingException e) {
          c.fails(f + ".discovery." + e.setting(), e);
        } catch (IllegalArgumentException e) {
          c.fails(f + ".discovery", e);
        }
      }
      if ("static".equals(cl.discovery().type())) {
        c.require(!cl.endpoints().isEmpty(), f + ".endpoints", "a static cluster needs at least one endpoint");
      }
      Set<String> addresses = new HashSet<>();
      for (int j = 0; j < cl.endpoints().size(); j++) {
        EndpointConfig e = cl.endpoints().get(j);
        String ef = f + ".endpoints[" + j + "]";
        try {
          c.require(addresses.add(EndpointAddress.parse(e.address()).toString()), ef + ".address",
              "endpoint " + e.address() + " is listed twice");
        } catch (IllegalArgumentException ex) {
          c.fails(ef + ".address", ex);
        }
        c.range(e.weight(), 1, 1000, ef + ".weight");
      }
      c.require(Set.of("http1", "http2").contains(cl.protocol()), f + ".protocol", "must be 'http1' or 'http2'");
      loadBalancer(c, config, cl, f + ".loadBalancer");
      c.positive(cl.deadline(), f + ".deadline");
      timeouts(c, cl.timeouts(), f + ".timeouts");
      retry(c, cl.retry(), f + ".retry");
      c.require(cl.retryBudget().ratio() >= 0, f + ".retryBudget.ratio", "cannot be negative");
      c.range(cl.retryBudget().minRetriesPerSecond(), 0, 1_000_000, f + ".retryBudget.minRetriesPerSecond");
      c.require(cl.retryBudget().window().toSeconds() >= 1, f + ".retryBudget.window", "must be at least 1s");
      health(c, cl.healthCheck(), f + ".healthCheck");
      OutlierDetectionConfig o = cl.outlierDetection();
      c.range(o.consecutive5xx(), 1, 1000, f + ".outlierDetection.consecutive5xx");
      c.range(o.consecutiveConnectFailures(), 1, 1000, f + ".outlierDetection.consecutiveConnectFailures");
      c.positive(o.baseEjectionTime(), f + ".outlierDetection.baseEjectionTime");
      c.positive(o.maxEjectionTime(), f + ".outlierDetection.maxEjectionTime");
      c.range(o.maxEjectionPercent(), 0, 100, f + ".outlierDetection.maxEjectionPercent");
      CircuitBreakerConfig b = cl.circuitBreaker();
      c.range(b.failureRateThreshold(), 1, 100, f + ".circuitBreaker.failureRateThreshold");
      c.range(b.slidingWindowSize(), 1, 10_000, f + ".circuitBreaker.slidingWindowSize");
      c.range(b.minimumCalls(), 1, 10_000, f + ".circuitBreaker.minimumCalls");
      c.positive(b.openDuration(), f + ".circuitBreaker.openDuration");
      c.range(b.halfOpenCalls(), 1, 10_000, f + ".circuitBreaker.halfOpenCalls");
      c.range(cl.bulkhead().maxConcurrentRequests(), 1, 10_000_000, f + ".bulkhead.maxConcurrentRequests");
      c.range(cl.pool().maxConnections(), 1, 100_000, f + ".pool.maxConnections");
      c.range(cl.pool().maxWaitQueue(), 0, 10_000_000, f + ".pool.maxWaitQueue");
      c.positive(cl.pool().keepAlive(), f + ".pool.keepAlive");
    }
    return names;
  }

  private static void loadBalancer(Checks c, GatewayConfig config, ClusterConfig cl, String f) {
    LoadBalancerConfig lb = cl.loadBalancer();
    if (!LoadBalancers.POLICIES.contains(lb.policy())) {
      c.require(false, f + ".policy", "unknown policy '" + lb.policy() + "'; known: "
          + String.join(", ", new java.util.TreeSet<>(LoadBalancers.POLICIES)));
    }
    if ("consistent-hash".equals(lb.policy())) {
      HashOnConfig h = lb.hashOn();
      int given = h == null ? 0 : (h.header() != null ? 1 : 0) + (h.cookie() != null ? 1 : 0) + (h.clientIp() ? 1 : 0);
      c.require(given == 1, f + ".hashOn", "consistent-hash needs exactly one of header, cookie or clientIp");
    }
    if (lb.zoneAware() != null) {
      String zone = lb.zoneAware().localZone() != null ? lb.zoneAware().localZone() : config.server().zone();
      c.require(zone != null, f + ".zoneAware.localZone", "set localZone here or server.zone");
      c.require(lb.zoneAware().minHealthyShare() > 0 && lb.zoneAware().minHealthyShare() <= 1,
          f + ".zoneAware.minHealthyShare", "must be above 0.0 and at most 1.0");
      boolean zoned = cl.endpoints().stream().anyMatch(e -> e.zone() != null) || !"static".equals(cl.discovery().type());
      c.require(zoned, f + ".zoneAware", "no endpoint of this cluster names a zone");
    }
    c.positive(lb.ewmaDecay(), f + ".ewmaDecay");
  }

  private static void timeouts(Checks c, TimeoutsConfig t, String f) {
    if (t == null) return;
    c.positive(t.connect(), f + ".connect");
    c.positive(t.request(), f + ".request");
    c.positive(t.idle(), f + ".idle");
  }

  private static void retry(Checks c, RetryConfig r, String f) {
    if (r == null) return;
    c.range(r.retries(), 0, 10, f + ".retries");
    c.require(!r.backoff().isNegative(), f + ".backoff", "cannot be negative");
    c.require(r.maxBackoff().compareTo(r.backoff()) >= 0, f + ".maxBackoff", "cannot be shorter than backoff");
    c.require(r.jitter() >= 0 && r.jitter() <= 1, f + ".jitter", "must be between 0.0 and 1.0");
    for (int i = 0; i < r.on().size(); i++) {
      c.require(RETRY_ON.contains(r.on().get(i)), f + ".on[" + i + "]",
          "unknown condition '" + r.on().get(i) + "'; known: connect-failure, reset, 503, timeout");
    }
  }

  private static void health(Checks c, HealthCheckConfig h, String f) {
    c.require(h.path().startsWith("/"), f + ".path", "must start with '/'");
    c.positive(h.interval(), f + ".interval");
    c.positive(h.timeout(), f + ".timeout");
    c.range(h.unhealthyThreshold(), 1, 1000, f + ".unhealthyThreshold");
    c.range(h.healthyThreshold(), 1, 1000, f + ".healthyThreshold");
    try {
      StatusRange.parse(h.expectedStatus());
    } catch (IllegalArgumentException e) {
      c.fails(f + ".expectedStatus", e);
    }
  }

  private void routes(Checks c, GatewayConfig config, Set<String> clusterNames) {
    Set<String> names = new HashSet<>();
    for (int i = 0; i < config.routes().size(); i++) {
      RouteConfig r = config.routes().get(i);
      String f = "routes[" + i + "]";
      if (r.name() == null || !NAME.matcher(r.name()).matches()) {
        c.require(false, f + ".name", "a route needs a name of letters, digits, '.', '_' or '-'");
      } else {
        c.require(names.add(r.name()), f + ".name", "route name '" + r.name() + "' is used twice");
      }
      PathPattern pattern = null;
      try {
        pattern = PathPattern.parse(r.match().path());
      } catch (IllegalArgumentException e) {
        c.fails(f + ".match.path", e);
      }
      for (int j = 0; j < r.match().hosts().size(); j++) {
        try {
          HostPattern.parse(r.match().hosts().get(j));
        } catch (IllegalArgumentException e) {
          c.fails(f + ".match.hosts[" + j + "]", e);
        }
      }
      for (int j = 0; j < r.match().methods().size(); j++) {
        String m = r.match().methods().get(j);
        c.require(m != null && TOKEN.matcher(m).matches() && m.equals(m.toUpperCase(java.util.Locale.ROOT)),
            f + ".match.methods[" + j + "]", "'" + m + "' is not an upper-case HTTP method");
      }
      valueMatches(c, r.match().headers(), f + ".match.headers");
      valueMatches(c, r.match().query(), f + ".match.query");
      boolean answersItself = routePolicies(c, r, f, clusterNames);
      if (r.cluster() == null) {
        c.require(answersItself, f + ".cluster", "a route needs a cluster, unless a policy answers for it (aggregate)");
      } else {
        c.require(clusterNames.contains(r.cluster()), f + ".cluster", "unknown cluster '" + r.cluster() + "'");
      }
      if (r.stripPrefix() != null) {
        c.require(r.stripPrefix().startsWith("/"), f + ".stripPrefix", "must start with '/'");
      }
      if (r.rewrite() != null) {
        try {
          List<String> used = PathRewriter.referencedParams(r.rewrite());
          if (pattern != null) {
            for (String name : used) {
              boolean known = name.equals("**") ? pattern.catchAll() : pattern.parameterNames().contains(name);
              c.require(known, f + ".rewrite", "'{" + name + "}' is not captured by the path pattern " + pattern.source());
            }
          }
        } catch (IllegalArgumentException e) {
          c.fails(f + ".rewrite", e);
        }
      }
      if (r.deadline() != null) c.positive(r.deadline(), f + ".deadline");
      timeouts(c, r.timeouts(), f + ".timeouts");
      retry(c, r.retry(), f + ".retry");
      if (r.fallback() != null) {
        c.range(r.fallback().status(), 100, 599, f + ".fallback.status");
        for (int j = 0; j < r.fallback().on().size(); j++) {
          c.require(FallbackConfig.ALL_FAILURES.contains(r.fallback().on().get(j)), f + ".fallback.on[" + j + "]",
              "unknown failure '" + r.fallback().on().get(j) + "'; known: unavailable, bad-gateway, timeout");
        }
      }
    }
  }

  /**
   * Binds each of a route's policies, checking the clusters their settings name; true when one of
   * them answers every request itself, so the route needs no cluster (or when one could not be
   * bound: its own problem is reported, a missing cluster would only add noise).
   */
  private boolean routePolicies(Checks c, RouteConfig r, String f, Set<String> clusterNames) {
    boolean answersItself = false;
    for (int j = 0; j < r.policies().size(); j++) {
      PolicyConfig p = r.policies().get(j);
      String pf = f + ".policies[" + j + "]." + p.name();
      try {
        PolicyRegistry.Bound<?> bound = policies.bind(p.name(), p.settings(), mapper);
        answersItself |= bound.factory().answersItself();
        if (bound.config() instanceof ClusterReferences references) {
          references.clusterReferences().forEach((field, cluster) -> c.require(clusterNames.contains(cluster),
              pf + "." + field, "unknown cluster '" + cluster + "'"));
        }
        bound.clusters().forEach((field, cluster) -> c.require(clusterNames.contains(cluster),
            pf + "." + field, "unknown cluster '" + cluster + "'"));
      } catch (IllegalArgumentException e) {
        c.fails(pf, e);
        answersItself = true;
      }
    }
    return answersItself;
  }

  private static void valueMatches(Checks c, List<ValueMatch> matches, String f) {
    for (int j = 0; j < matches.size(); j++) {
      ValueMatch m = matches.get(j);
      String mf = f + "[" + j + "]";
      c.require(m.name() != null && !m.name().isBlank(), mf + ".name", "a name is required");
      int given = (m.value() != null ? 1 : 0) + (m.regex() != null ? 1 : 0) + (m.present() != null ? 1 : 0);
      c.require(given == 1, mf, "give exactly one of value, regex or present");
      if (m.regex() != null) {
        try {
          Pattern.compile(m.regex());
        } catch (PatternSyntaxException e) {
          c.require(false, mf + ".regex", "not a valid regular expression: " + e.getDescription());
        }
      }
    }
  }
}
