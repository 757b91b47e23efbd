package dev.emporium.gateway.config;

import java.time.Duration;
import java.util.List;

/**
 * Process-wide settings.
 *
 * @param eventLoops event-loop threads; 0 means one per CPU core
 * @param drainTimeout how long shutdown waits for in-flight requests
 * @param trustedProxies CIDR ranges whose X-Forwarded-* and Forwarded headers are believed
 * @param requestIdHeader header carrying the request id, generated when absent
 * @param preserveHost send the client's Host header upstream (true) or the endpoint's address
 * @param encodedSlashes what to do with {@code %2F}, {@code %5C} in paths: {@code reject} or {@code keep}
 * @param watchConfig reload automatically when the configuration file changes
 * @param watchInterval how often the configuration file is checked
 * @param zone the zone this gateway runs in, for zone-aware load balancing
 * @param transport network transport: {@code auto} (io_uring where the kernel allows it, else
 *     epoll, else NIO), {@code io_uring}, {@code epoll} or {@code nio}
 * @param identityHeaders headers that carry a verified identity to services; a client's own copies
 *     are removed on every route, authenticated or not, and from trusted proxies too
 */
public record ServerConfig(
    Integer eventLoops,
    Duration drainTimeout,
    List<String> trustedProxies,
    String requestIdHeader,
    Boolean preserveHost,
    String encodedSlashes,
    Boolean watchConfig,
    Duration watchInterval,
    String zone,
    String transport,
    List<String> identityHeaders) {

  /** Set only by the identity policies (docs: identity); never taken from a client. */
  public static final List<String> DEFAULT_IDENTITY_HEADERS = List.of("X-User-Id", "X-User-Roles", "X-Scopes", "X-Consumer");

  public static final ServerConfig DEFAULTS = new ServerConfig(null, null, null, null, null, null, null, null, null, null, null);

  public ServerConfig {
    eventLoops = eventLoops == null ? 0 : eventLoops;
    drainTimeout = drainTimeout == null ? Duration.ofSeconds(30) : drainTimeout;
    trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
    requestIdHeader = requestIdHeader == null ? "X-Request-Id" : requestIdHeader;
    preserveHost = preserveHost == null ? Boolean.TRUE : preserveHost;
    encodedSlashes = encodedSlashes == null ? "reject" : encodedSlashes;
    watchConfig = watchConfig == null ? Boolean.TRUE : watchConfig;
    watchInterval = watchInterval == null ? Duration.ofSeconds(2) : watchInterval;
    transport = transport == null ? "auto" : transport;
    identityHeaders = identityHeaders == null ? DEFAULT_IDENTITY_HEADERS : List.copyOf(identityHeaders);
  }

  public int resolvedEventLoops() {
    return eventLoops > 0 ? eventLoops : Runtime.getRuntime().availableProcessors();
  }
}
