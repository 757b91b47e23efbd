package dev.emporium.gateway;

import dev.emporium.gateway.admin.AdminApi;
import dev.emporium.gateway.admin.AdminServer;
import dev.emporium.gateway.config.ConfigException;
import dev.emporium.gateway.config.ConfigLoader;
import dev.emporium.gateway.config.GatewayConfig;
import dev.emporium.gateway.config.ListenerConfig;
import dev.emporium.gateway.config.LoadedConfig;
import dev.emporium.gateway.edge.RequestIds;
import dev.emporium.gateway.listener.CertificateWatcher;
import dev.emporium.gateway.listener.EdgeTransport;
import dev.emporium.gateway.listener.ListenerVerticle;
import dev.emporium.gateway.observe.AccessLog;
import dev.emporium.gateway.observe.GatewayMetrics;
import dev.emporium.gateway.observe.Tracing;
import dev.emporium.gateway.runtime.GatewayRuntime;
import dev.emporium.gateway.runtime.GatewayState;
import dev.emporium.gateway.runtime.Route;
import dev.emporium.gateway.runtime.StateCompiler;
import dev.emporium.gateway.upstream.Cluster;
import dev.emporium.gateway.upstream.Endpoint;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running gateway: its event loops and listeners, the admin port, and the current configuration,
 * which {@link #reload()} replaces atomically. Start one with {@link #start(GatewayOptions)}.
 */
public final class Gateway {

  private static final Logger log = LoggerFactory.getLogger(Gateway.class);

  private final GatewayOptions options;
  private final Vertx vertx;
  private final EdgeTransport edge;
  private final ConfigLoader loader;
  private final StateCompiler compiler;
  private final GatewayMetrics metrics;
  private final GatewayRuntime runtime;
  private final AccessLog accessLog;
  private final Tracing tracing;
  private final String adminToken;
  private final List<ListenerVerticle> verticles = new CopyOnWriteArrayList<>();
  private final List<CertificateWatcher> certificateWatchers = new ArrayList<>();
  /** Configurations a reload replaced whose policies are still to be closed, once their requests are done. */
  private final List<GatewayState> retiring = new CopyOnWriteArrayList<>();
  private final Map<String, Integer> ports = new LinkedHashMap<>();
  private AdminServer admin;
  private int adminPort = -1;
  private long watchTimer = -1;
  /** The file content last loaded, applied or refused; the watcher reloads only when it changes. */
  private volatile byte[] configDigest;
  /** A changed content the watcher saw once and waits to see again unchanged, so a file half written is not read. */
  private byte[] pendingDigest;
  private volatile boolean ready;
  private final AtomicBoolean stopping = new AtomicBoolean();

  private Gateway(GatewayOptions options, Vertx vertx, EdgeTransport edge, ConfigLoader loader, StateCompiler compiler,
      GatewayMetrics metrics, GatewayRuntime runtime, AccessLog accessLog, Tracing tracing, String adminToken) {
    this.options = options;
    this.vertx = vertx;
    this.edge = edge;
    this.loader = loader;
    this.compiler = compiler;
    this.metrics = metrics;
    this.runtime = runtime;
    this.accessLog = accessLog;
    this.tracing = tracing;
    this.adminToken = adminToken;
  }

  /**
   * Loads and validates the configuration, then binds listeners and the admin port.
   *
   * @throws ConfigException when the configuration cannot be used; nothing is left running
   */
  public static Gateway start(GatewayOptions options) {
    ConfigLoader loader = new ConfigLoader(options.environment());
    // Fingerprint first: a change that lands while the file loads is then seen by the watcher.
    byte[] digest = digestOf(options.configFile());
    LoadedConfig loaded = loader.load(options.configFile());
    GatewayConfig config = loaded.config();
    // The edge transport is the native one with an accept hook for the listeners' HTTP/1.x checks.
    EdgeTransport edge;
    try {
      edge = EdgeTransport.create(config.server().transport());
    } catch (IllegalStateException e) {
      throw new ConfigException(loaded.problem("server.transport", e.getMessage()));
    }
    Vertx vertx = Vertx.builder()
        .with(new VertxOptions().setEventLoopPoolSize(config.server().resolvedEventLoops()))
        .withTransport(edge)
        .build();
    AccessLog accessLog = null;
    Tracing tracing = null;
    try {
      GatewayMetrics metrics = new GatewayMetrics();
      try {
        accessLog = AccessLog.open(config.accessLog());
      } catch (IOException e) {
        throw new ConfigException(loaded.problem("accessLog.output", "cannot open for writing: " + e.getMessage()));
      }
      if (accessLog != null) metrics.accessLogDropped(accessLog);
      tracing = Tracing.create(config.tracing(), options.spanExporter());
      StateCompiler compiler = new StateCompiler(vertx, options.policies(), options.discoveries(), metrics,
          loader.mapper());
      StateCompiler.Compiled compiled = compiler.compile(loaded, null);
      for (Cluster cluster : compiled.started()) {
        cluster.start(vertx);
        metrics.bind(cluster);
      }
      GatewayRuntime runtime = new GatewayRuntime(compiled.state(), metrics, accessLog, tracing);
      String token = config.admin().token() != null ? config.admin().token() : RequestIds.generate();
      Gateway gateway = new Gateway(options, vertx, edge, loader, compiler, metrics, runtime, accessLog, tracing,
          token);
      gateway.configDigest = digest;
      gateway.open(config);
      if (config.admin().token() == null && config.admin().enabled()) {
        log.info("admin API token (generated; set admin.token to choose one): {}", token);
      }
      return gateway;
    } catch (RuntimeException e) {
      if (accessLog != null) accessLog.close();
      if (tracing != null) tracing.close();
      vertx.close().await();
      throw e;
    }
  }

  private void open(GatewayConfig config) {
    int instances = config.server().resolvedEventLoops();
    // Vert.x shares a listener among instances only when they all ask for the same port, so a
    // port 0 is resolved to a free port first.
    List<ListenerConfig> bound = config.listeners().stream()
        .map(l -> l.port() != 0 ? l : new ListenerConfig(l.name(), l.host(), freePort(l.host()), l.tls(), l.http2()))
        .toList();
    vertx.deployVerticle(() -> {
      ListenerVerticle v = new ListenerVerticle(runtime, bound, config.limits(), edge);
      verticles.add(v);
      return v;
    }, new DeploymentOptions().setInstances(instances)).await();
    ports.putAll(verticles.get(0).boundPorts());
    for (ListenerConfig listener : config.listeners()) {
      if (listener.tls() == null) continue;
      CertificateWatcher watcher = new CertificateWatcher(vertx, listener, ssl ->
          Future.all(verticles.stream().map(v -> v.updateTls(listener.name(), ssl)).toList()));
      watcher.start();
      certificateWatchers.add(watcher);
    }
    if (config.admin().enabled()) {
      admin = new AdminServer(vertx, config.admin(), adminToken, new Admin());
      adminPort = admin.start().await();
    }
    if (config.server().watchConfig()) {
      watchTimer = vertx.setPeriodic(config.server().watchInterval().toMillis(), id ->
          vertx.executeBlocking(() -> {
            reloadIfChanged();
            return null;
          }, false));
    }
    ready = true;
    log.info("gateway listening on {} over {} (admin on {}:{}), {} routes, {} clusters", ports, edge.name(),
        config.admin().host(),
        adminPort, runtime.state().routes().size(), runtime.state().clusters().size());
  }

  private static int freePort(String host) {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(host))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new ConfigException(new dev.emporium.gateway.config.ConfigProblem("", 0, "listeners",
          "cannot find a free port on " + host + ": " + e.getMessage()));
    }
  }

  /** Listener ports by listener name, as bound. */
  public Map<String, Integer> ports() {
    return Map.copyOf(ports);
  }

  public int port(String listener) {
    Integer port = ports.get(listener);
    if (port == null) throw new IllegalArgumentException("no listener named " + listener);
    return port;
  }

  public int adminPort() {
    return adminPort;
  }

  public String adminToken() {
    return adminToken;
  }

  public GatewayState state() {
    return runtime.state();
  }

  public GatewayMetrics metrics() {
    return metrics;
  }

  public Vertx vertx() {
    return vertx;
  }

  /**
   * Loads the configuration file again and, when it is valid, swaps it in. Requests in flight keep
   * the configuration they started with; a refused file leaves the running one in place.
   */
  public synchronized ReloadResult reload() {
    GatewayState current = runtime.state();
    // Taken before loading: should the file change meanwhile, the watcher sees a difference and
    // loads it again, rather than record content it never loaded.
    configDigest = digestOfConfigFile();
    LoadedConfig loaded;
    StateCompiler.Compiled compiled;
    try {
      loaded = loader.load(options.configFile());
      compiled = compiler.compile(loaded, current);
    } catch (ConfigException e) {
      metrics.configReloads("refused").increment();
      log.error("configuration reload refused, still serving version {}:\n{}", current.version(), e.getMessage());
      return new ReloadResult(false, current.version(), e.problems(), List.of());
    }
    for (Cluster cluster : compiled.started()) cluster.start(vertx);
    runtime.swap(compiled.state());
    Duration grace = current.config().server().drainTimeout();
    retirePolicies(current, grace);
    for (Cluster retired : compiled.retired()) {
      retired.close();
      metrics.unbind(retired);
      for (ListenerVerticle v : verticles) v.retire(retired, grace);
    }
    // Only after the predecessors' gauges are gone: a successor of the same name publishes gauges
    // with the same ids, which the registry would otherwise keep bound to the retired cluster.
    for (Cluster cluster : compiled.started()) metrics.bind(cluster);
    List<String> warnings = restartOnlyChanges(current.config(), loaded.config());
    warnings.forEach(w -> log.warn("configuration reload: {}", w));
    metrics.configReloads("applied").increment();
    log.info("configuration version {} is serving ({} routes, {} clusters)", compiled.state().version(),
        compiled.state().routes().size(), compiled.state().clusters().size());
    return new ReloadResult(true, compiled.state().version(), List.of(), warnings);
  }

  /** Closes the policies of a replaced configuration once its requests have had the drain timeout to finish. */
  private void retirePolicies(GatewayState old, Duration grace) {
    retiring.add(old);
    vertx.setTimer(Math.max(1, grace.toMillis()), id -> {
      if (retiring.remove(old)) closePolicies(old);
    });
  }

  private static void closePolicies(GatewayState state) {
    for (Route route : state.routes()) {
      for (dev.emporium.gateway.policy.Policy policy : route.policies()) {
        try {
          policy.close();
        } catch (RuntimeException e) {
          log.warn("route {}: a policy failed to close: {}", route.name(), e.toString());
        }
      }
    }
  }

  private static List<String> restartOnlyChanges(GatewayConfig before, GatewayConfig after) {
    List<String> warnings = new ArrayList<>();
    if (!before.listeners().equals(after.listeners())) warnings.add("listener changes take effect after a restart");
    if (!before.limits().equals(after.limits())) warnings.add("limits changes take effect after a restart");
    if (!before.admin().equals(after.admin())) warnings.add("admin changes take effect after a restart");
    if (!before.accessLog().equals(after.accessLog())) warnings.add("accessLog changes take effect after a restart");
    if (!before.tracing().equals(after.tracing())) warnings.add("tracing changes take effect after a restart");
    if (before.server().resolvedEventLoops() != after.server().resolvedEventLoops()) {
      warnings.add("server.eventLoops changes take effect after a restart");
    }
    if (!before.server().transport().equals(after.server().transport())) {
      warnings.add("server.transport changes take effect after a restart");
    }
    return warnings;
  }

  /**
   * The watcher's check. A changed file is reloaded once two checks in a row find the same new
   * content: an editor or a tool that is still writing it would otherwise get a half-written file
   * refused (or worse, a truncated one that happens to be valid).
   */
  private synchronized void reloadIfChanged() {
    byte[] digest = digestOfConfigFile();
    if (digest == null || Arrays.equals(digest, configDigest)) {
      pendingDigest = null;
      return;
    }
    if (!Arrays.equals(digest, pendingDigest)) {
      pendingDigest = digest;
      return;
    }
    pendingDigest = null;
    reload();
  }

  private byte[] digestOfConfigFile() {
    return digestOf(options.configFile());
  }

  private static byte[] digestOf(java.nio.file.Path file) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
    } catch (IOException e) {
      return null;
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Stops accepting connections, lets requests in flight finish within {@code server.drainTimeout},
   * then closes everything. Calling it again (a second signal, an embedder's own hook) does nothing.
   */
  public void shutdown() {
    if (!stopping.compareAndSet(false, true)) return;
    ready = false;
    runtime.startDraining();
    if (watchTimer >= 0) vertx.cancelTimer(watchTimer);
    certificateWatchers.forEach(CertificateWatcher::stop);
    Duration grace = runtime.state().config().server().drainTimeout();
    List<Future<Void>> draining = new ArrayList<>();
    for (ListenerVerticle v : verticles) draining.add(v.shutdown(grace));
    try {
      Future.join(draining).await();
    } catch (RuntimeException e) {
      log.warn("drain ended with an error: {}", e.getMessage());
    }
    runtime.state().clusters().values().forEach(Cluster::close);
    for (GatewayState old : retiring) {
      if (retiring.remove(old)) closePolicies(old);
    }
    closePolicies(runtime.state());
    if (admin != null) admin.close().await();
    if (accessLog != null) accessLog.close();
    tracing.close();
    vertx.close().await();
    runtime.timeouts().stop();
    log.info("gateway stopped");
  }

  /** The admin API over this gateway's state. */
  private final class Admin implements AdminApi {

    @Override
    public boolean ready() {
      return ready && !runtime.draining();
    }

    @Override
    public String metrics() {
      return metrics.scrape();
    }

    @Override
    public JsonArray routes() {
      JsonArray out = new JsonArray();
      GatewayState state = runtime.state();
      for (int i = 0; i < state.routes().size(); i++) {
        Route route = state.routes().get(i);
        var rc = state.config().routes().get(i);
        out.add(new JsonObject()
            .put("name", route.name())
            .put("path", rc.match().path())
            .put("hosts", new JsonArray(rc.match().hosts()))
            .put("methods", new JsonArray(rc.match().methods()))
            .put("cluster", route.cluster() == null ? null : route.cluster().name())
            .put("upstreamPath", rc.rewrite() != null ? rc.rewrite() : rc.stripPrefix() != null ? "strip " + rc.stripPrefix() : null)
            .put("policies", new JsonArray(rc.policies().stream().map(p -> p.name()).toList()))
            .put("retries", route.retry().retries())
            .put("deadlineMs", route.deadlineNanos() / 1_000_000));
      }
      return out;
    }

    @Override
    public JsonArray clusters() {
      JsonArray out = new JsonArray();
      for (Cluster cluster : runtime.state().clusters().values()) {
        JsonArray endpoints = new JsonArray();
        for (Endpoint e : cluster.endpoints().all()) {
          endpoints.add(new JsonObject()
              .put("address", e.id())
              .put("zone", e.zone())
              .put("weight", e.weight())
              .put("healthy", e.healthy())
              .put("ejected", e.ejected())
              .put("available", e.available())
              .put("inFlight", e.inFlight())
              .put("ewmaMs", e.responseTimes().ewmaNanos() / 1_000_000.0));
        }
        CircuitBreaker breaker = cluster.breaker();
        JsonObject breakerJson = breaker == null ? null : new JsonObject()
            .put("state", breaker.getState().name())
            .put("failureRate", breaker.getMetrics().getFailureRate())
            .put("bufferedCalls", breaker.getMetrics().getNumberOfBufferedCalls())
            .put("notPermittedCalls", breaker.getMetrics().getNumberOfNotPermittedCalls());
        out.add(new JsonObject()
            .put("name", cluster.name())
            .put("discovery", cluster.config().discovery().type())
            .put("loadBalancer", cluster.config().loadBalancer().policy())
            .put("circuitBreaker", breakerJson)
            .put("bulkhead", new JsonObject()
                .put("maxConcurrentRequests", cluster.config().bulkhead().maxConcurrentRequests())
                .put("available", cluster.bulkhead().getMetrics().getAvailableConcurrentCalls()))
            .put("endpoints", endpoints));
      }
      return out;
    }

    @Override
    public JsonObject config() {
      GatewayState state = runtime.state();
      return new JsonObject()
          .put("version", state.version())
          .put("file", state.loaded().fileName())
          .put("listeners", new JsonArray(state.config().listeners().stream().map(l -> new JsonObject()
              .put("name", l.name()).put("host", l.host()).put("port", ports.get(l.name()))
              .put("tls", l.tls() != null).put("http2", l.http2())).toList()))
          .put("routes", state.routes().size())
          .put("clusters", state.clusters().size());
    }

    @Override
    public GatewayState state() {
      return runtime.state();
    }

    @Override
    public List<dev.emporium.gateway.admin.AdminEndpoint> endpoints() {
      return options.policies().adminEndpoints();
    }

    @Override
    public JsonObject reload() {
      ReloadResult result = Gateway.this.reload();
      return new JsonObject()
          .put("applied", result.applied())
          .put("version", result.version())
          .put("problems", new JsonArray(result.problems().stream().map(p -> new JsonObject()
              .put("file", p.file()).put("line", p.line()).put("field", p.field()).put("message", p.message())).toList()))
          .put("warnings", new JsonArray(result.warnings()));
    }
  }

  /** For the launcher: loads a file only to check it, reporting problems without starting anything. */
  public static LoadedConfig check(GatewayOptions options) {
    ConfigLoader loader = new ConfigLoader(options.environment());
    LoadedConfig loaded = loader.load(options.configFile());
    var problems = new dev.emporium.gateway.config.ConfigValidator(options.policies(), options.discoveries(),
        loader.mapper()).validate(loaded);
    if (!problems.isEmpty()) throw new ConfigException(problems);
    return loaded;
  }

  /**
   * Makes sure the process-wide settings the gateway relies on are in place. They are read once,
   * when Vert.x loads, so a program that creates other Vert.x instances first calls this before.
   */
  public static void prepareProcess() {
    // Loading this class runs the static initializer below; nothing else to do.
  }

  static {
    // Vert.x logs through SLF4J, like the rest of the gateway.
    System.setProperty("vertx.logger-delegate-factory-class-name", "io.vertx.core.logging.SLF4JLogDelegateFactory");
    // Per-task bookkeeping the gateway does not use: swapping the context class loader, timing
    // each task, and checking the calling thread. Each costs on every event of every request.
    // Set only when the embedder has not chosen otherwise; they are read when Vert.x loads.
    System.setProperty("vertx.disableTCCL", System.getProperty("vertx.disableTCCL", "true"));
    System.setProperty("vertx.disableContextTimings", System.getProperty("vertx.disableContextTimings", "true"));
    System.setProperty("vertx.threadChecks", System.getProperty("vertx.threadChecks", "false"));
  }
}
