package dev.emporium.platform.service.registry;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a service registers in the service registry ({@code emporium.registry.*}), checked at
 * start-up. Registration is on only when {@code etcd.endpoints} names etcd (docs/services.md,
 * "Registration").
 *
 * @param etcd where etcd is, and the registration's lease
 * @param serviceName the name the gateway discovers the service by (default {@code spring.application.name})
 * @param instanceId this instance's key under the service (default {@code <advertised host>:<port>}, so a
 *     restarted instance replaces its own entry)
 * @param advertisedHost the address the gateway reaches the service at (default: the address the
 *     service binds to; 127.0.0.1 when that is loopback; the machine's first non-loopback address
 *     when it binds to all)
 * @param advertisedPort the port the gateway reaches the service at (default: the HTTP port it listens on)
 * @param zone the zone the gateway's zone-aware balancing reads (none by default)
 * @param weight the instance's share of traffic relative to the others, 1-1000
 * @param version what the instance runs, for people reading the registry (default {@code spring.application.version})
 */
@ConfigurationProperties("emporium.registry")
public record RegistryProperties(
    @DefaultValue Etcd etcd,
    String serviceName,
    String instanceId,
    String advertisedHost,
    Integer advertisedPort,
    String zone,
    @DefaultValue("1") int weight,
    String version) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]*");

  /**
   * @param endpoints etcd's client addresses, {@code host:port} or http(s) URLs, tried in turn
   *     ({@code EMPORIUM_ETCD}, comma-separated)
   * @param prefix the registry's root key; instances live under {@code <prefix>/services/<service>/}
   * @param ttl the lease's time to live: an instance that stops renewing it (a crash, a partition)
   *     leaves the registry this long after its last renewal; it is renewed every third of it
   * @param requestTimeout how long a call to etcd may take; shorter than a third of {@code ttl}
   * @param deregistrationDelay how long shutdown waits between leaving the registry and stopping
   *     the web server, so that gateways stop sending requests first
   */
  public record Etcd(
      @DefaultValue List<String> endpoints,
      @DefaultValue("/emporium") String prefix,
      @DefaultValue("10s") Duration ttl,
      @DefaultValue("2s") Duration requestTimeout,
      @DefaultValue("1s") Duration deregistrationDelay) {

    public Etcd {
      endpoints = endpoints == null ? List.of() : endpoints.stream().map(String::trim).filter(e -> !e.isEmpty()).toList();
      endpoints.forEach(Etcd::uri);
      require(prefix.matches("(/[A-Za-z0-9._-]+)+"), "etcd.prefix must be /name or /name/more of letters, digits, "
          + "'.', '_' or '-', not '" + prefix + "'");
      require(ttl.compareTo(Duration.ofSeconds(2)) >= 0 && ttl.compareTo(Duration.ofHours(1)) <= 0,
          "etcd.ttl must be between 2s (etcd's shortest lease) and 1h, not " + ttl);
      // A renewal must be over before the next one is due.
      require(requestTimeout.compareTo(Duration.ofMillis(100)) >= 0 && requestTimeout.compareTo(ttl.dividedBy(3)) < 0,
          "etcd.request-timeout must be at least 100ms and shorter than a third of etcd.ttl, not " + requestTimeout);
      require(!deregistrationDelay.isNegative() && deregistrationDelay.compareTo(Duration.ofMinutes(1)) <= 0,
          "etcd.deregistration-delay must be between 0s and 1m, not " + deregistrationDelay);
    }

    /** Whether registration is on. */
    public boolean enabled() {
      return !endpoints.isEmpty();
    }

    /** The endpoints as base URLs, e.g. {@code http://etcd-1:2379}. */
    public List<URI> uris() {
      List<URI> uris = new ArrayList<>();
      for (String endpoint : endpoints) uris.add(uri(endpoint));
      return List.copyOf(uris);
    }

    /** How often the lease is renewed: a third of its TTL, so two renewals may fail before it runs out. */
    public Duration keepAliveInterval() {
      return ttl.dividedBy(3);
    }

    static URI uri(String endpoint) {
      String text = endpoint.contains("://") ? endpoint : "http://" + endpoint;
      URI uri;
      try {
        uri = URI.create(text);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(message("etcd.endpoints: '" + endpoint + "' is not host:port or an http(s) URL"));
      }
      require("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()),
          "etcd.endpoints: '" + endpoint + "': etcd is reached over http or https");
      require(uri.getHost() != null, "etcd.endpoints: '" + endpoint + "' names no host");
      require(uri.getPort() > 0, "etcd.endpoints: '" + endpoint + "' names no port (etcd's client port is usually 2379)");
      require(uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"),
          "etcd.endpoints: '" + endpoint + "': give etcd's address only, without a path");
      return URI.create(uri.getScheme() + "://" + uri.getRawAuthority());
    }
  }

  public RegistryProperties {
    require(serviceName == null || NAME.matcher(serviceName).matches(),
        "service-name must be letters, digits, '.', '_' or '-', not '" + serviceName + "'");
    require(instanceId == null || NAME.matcher(instanceId).matches(),
        "instance-id must be letters, digits, '.', '_', ':' or '-', not '" + instanceId + "'");
    require(advertisedHost == null || !advertisedHost.isBlank() && !advertisedHost.contains("/"),
        "advertised-host must be a host name or IP address, not '" + advertisedHost + "'");
    require(advertisedPort == null || advertisedPort >= 1 && advertisedPort <= 65535,
        "advertised-port must be in 1..65535, not " + advertisedPort);
    require(weight >= 1 && weight <= 1000, "weight must be in 1..1000, not " + weight);
    zone = zone == null || zone.isBlank() ? null : zone.trim();
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message(message));
    }
  }

  private static String message(String message) {
    return "emporium.registry." + message;
  }
}
