package dev.emporium.platform.service.registry;

import dev.emporium.platform.service.registry.EtcdLeaseClient.EtcdUnavailableException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;

/**
 * Keeps this instance in etcd while it runs. Once the application is ready it writes its key
 * ({@link RegisteredInstance}) under a lease of {@code ttl} and renews the lease every third of
 * it. When a renewal finds the lease gone (it ran out while etcd could not be reached, or etcd lost
 * it), a new lease is granted and the key written again; while etcd cannot be reached, it keeps
 * trying at the same pace. On shutdown it revokes the lease, which deletes the key, and waits
 * {@code deregistration-delay} before the web server stops, so that gateways stop routing here
 * before requests would be refused.
 *
 * <p>State is exposed as metrics: {@code emporium_registry_registered} (1 while the key is known to
 * be in etcd), {@code emporium_registry_registrations_total} by reason ({@code start},
 * {@code lease-lost}) and {@code emporium_registry_keepalive_failures_total}.
 */
public final class EtcdRegistration implements SmartLifecycle, ApplicationListener<ApplicationReadyEvent> {

  private static final Logger log = LoggerFactory.getLogger(EtcdRegistration.class);

  private final RegistryProperties properties;
  private final Environment environment;
  private final MeterRegistry meters;
  private final EtcdLeaseClient etcd;
  private final ScheduledExecutorService scheduler;
  private volatile RegisteredInstance instance;
  private volatile long lease;
  private volatile boolean registered;
  private volatile boolean running;
  private volatile boolean abandoned;
  private volatile long lastRenewalNanos;
  private int failures;
  private Counter keepAliveFailures;

  public EtcdRegistration(RegistryProperties properties, Environment environment, MeterRegistry meters) {
    this.properties = properties;
    this.environment = environment;
    this.meters = meters;
    this.etcd = new EtcdLeaseClient(properties.etcd().uris(), properties.etcd().requestTimeout());
    this.scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("emporium-registry")
        .daemon(true).factory());
  }

  @Override
  public void onApplicationEvent(ApplicationReadyEvent event) {
    if (!running || instance != null) return;
    int port = properties.advertisedPort() != null ? properties.advertisedPort() : serverPort(event);
    instance = describe(port);
    if (meters != null) {
      Gauge.builder("emporium.registry.registered", this, r -> r.registered ? 1 : 0)
          .description("1 while this instance's key is known to be in the registry")
          .tag("registry", "etcd").register(meters);
      keepAliveFailures = Counter.builder("emporium.registry.keepalive.failures")
          .description("lease renewals or registrations that could not reach etcd")
          .tag("registry", "etcd").register(meters);
    }
    long interval = properties.etcd().keepAliveInterval().toMillis();
    scheduler.scheduleWithFixedDelay(this::tick, 0, interval, TimeUnit.MILLISECONDS);
  }

  private static int serverPort(ApplicationReadyEvent event) {
    if (event.getApplicationContext() instanceof WebServerApplicationContext web && web.getWebServer() != null) {
      return web.getWebServer().getPort();
    }
    throw new IllegalStateException("emporium.registry: no web server to advertise; set emporium.registry.advertised-port");
  }

  private RegisteredInstance describe(int port) {
    String service = properties.serviceName() != null ? properties.serviceName()
        : environment.getProperty("spring.application.name");
    if (service == null || service.isBlank()) {
      throw new IllegalStateException("emporium.registry.service-name (or spring.application.name) must be set");
    }
    String host = AdvertisedHost.resolve(properties.advertisedHost(), environment.getProperty("server.address"));
    String address = AdvertisedHost.hostPort(host, port);
    String id = properties.instanceId() != null ? properties.instanceId() : address.replace("[", "").replace("]", "");
    String version = properties.version() != null ? properties.version()
        : environment.getProperty("spring.application.version", "unknown");
    String key = properties.etcd().prefix() + "/services/" + service + "/" + id;
    return new RegisteredInstance(key, address, properties.zone(), properties.weight(), version, Instant.now());
  }

  /** The key and value this instance registers, once the application is ready; null before. */
  RegisteredInstance instance() {
    return instance;
  }

  public boolean registered() {
    return registered;
  }

  /** Renews the lease, or registers when there is none; runs on the registry's own thread. */
  private void tick() {
    try {
      if (lease == 0) {
        register("start");
        return;
      }
      long left = etcd.keepAlive(lease);
      if (left > 0) {
        renewed();
        return;
      }
      log.warn("registry: the lease of {} is gone (it ran out while etcd could not be reached, or etcd lost it); "
          + "registering again", instance.key());
      lease = 0;
      registered = false;
      register("lease-lost");
    } catch (EtcdUnavailableException e) {
      unreachable(e);
    } catch (RuntimeException e) {
      // A scheduled task that throws is never run again: log, and let the next tick try.
      log.error("registry: unexpected failure renewing {}", instance.key(), e);
    }
  }

  private void register(String reason) throws EtcdUnavailableException {
    long granted = etcd.grant(properties.etcd().ttl());
    if (!etcd.put(instance.key(), instance.value(), granted)) {
      throw new EtcdUnavailableException("the lease granted for " + instance.key() + " was gone before it was used", null);
    }
    lease = granted;
    registered = true;
    lastRenewalNanos = System.nanoTime();
    if (meters != null) {
      meters.counter("emporium.registry.registrations", "registry", "etcd", "reason", reason).increment();
    }
    log.info("registry: registered {} = {} in etcd at {} (lease {}, ttl {}s{})", instance.key(), instance.address(),
        etcd.endpoint(), Long.toHexString(granted), properties.etcd().ttl().toSeconds(),
        failures > 0 ? ", after " + failures + " failed attempts" : "");
    failures = 0;
  }

  private void renewed() {
    lastRenewalNanos = System.nanoTime();
    registered = true;
    if (failures > 0) {
      log.info("registry: etcd at {} answers again after {} failed renewals; {} kept its lease", etcd.endpoint(),
          failures, instance.key());
      failures = 0;
    }
  }

  private void unreachable(EtcdUnavailableException e) {
    if (!running || abandoned) return; // interrupted by shutdown: not an outage
    failures++;
    if (keepAliveFailures != null) keepAliveFailures.increment();
    if (lease == 0 || System.nanoTime() - lastRenewalNanos > properties.etcd().ttl().toNanos()) registered = false;
    String state = lease == 0 ? "not registered yet" : registered ? "still registered until the lease runs out"
        : "the lease has probably run out";
    if (failures == 1) {
      log.warn("registry: cannot reach etcd for {} ({}); {}; trying again every {} ms", instance.key(), e.getMessage(),
          state, properties.etcd().keepAliveInterval().toMillis());
    } else {
      log.debug("registry: cannot reach etcd for {} ({}), attempt {}; {}", instance.key(), e.getMessage(), failures, state);
    }
  }

  /**
   * Stops renewing the lease without revoking it, as a process that dies would: the key stays until
   * the lease runs out. For tests of what gateways see when an instance crashes.
   */
  void abandon() {
    abandoned = true;
    stopScheduler();
  }

  @Override
  public void start() {
    running = true;
  }

  /** Leaves the registry (revoking the lease deletes the key), then gives gateways time to notice. */
  @Override
  public void stop() {
    if (!running) return;
    running = false;
    stopScheduler();
    long held = lease;
    try {
      if (held != 0 && !abandoned) {
        etcd.revoke(held);
        lease = 0;
        registered = false;
        log.info("registry: left etcd ({} removed)", instance.key());
        sleep(properties.etcd().deregistrationDelay());
      }
    } catch (EtcdUnavailableException e) {
      log.warn("registry: could not revoke the lease of {} ({}); the key goes when the lease runs out, within {}s",
          instance.key(), e.getMessage(), properties.etcd().ttl().toSeconds());
    } finally {
      registered = false;
      etcd.close();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /**
   * The highest phase stops first: the key is gone before the web server's graceful shutdown
   * ({@code WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE}) begins to refuse requests.
   */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE;
  }

  private void stopScheduler() {
    scheduler.shutdownNow();
    try {
      if (!scheduler.awaitTermination(properties.etcd().requestTimeout().toMillis() * 2, TimeUnit.MILLISECONDS)) {
        log.warn("registry: the renewal thread did not stop in time");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleep(Duration delay) {
    if (delay.isZero()) return;
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
