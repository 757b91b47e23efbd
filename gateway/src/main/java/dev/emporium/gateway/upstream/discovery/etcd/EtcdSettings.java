package dev.emporium.gateway.upstream.discovery.etcd;

import dev.emporium.gateway.config.ByteSize;
import dev.emporium.gateway.config.ClusterConfig;
import dev.emporium.gateway.config.Durations;
import dev.emporium.gateway.upstream.DiscoverySettingException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The settings of a cluster's {@code discovery: {type: etcd, settings: {...}}}, checked once when
 * the configuration is loaded.
 *
 * @param endpoints etcd's client URLs, tried in turn; at least one
 * @param prefix the registry's root key, without a trailing slash
 * @param service the service whose instances are the cluster's members (default: the cluster's name)
 * @param requestTimeout how long a listing or a liveness check may take
 * @param checkInterval how often an established watch checks that etcd still answers
 * @param retryDelay the first wait before reconnecting after a failure; it doubles up to {@code maxRetryDelay}
 * @param maxRetryDelay the longest wait between reconnection attempts
 * @param maxMessageSize the largest listing or watch message accepted
 */
public record EtcdSettings(List<Endpoint> endpoints, String prefix, String service, Duration requestTimeout,
    Duration checkInterval, Duration retryDelay, Duration maxRetryDelay, ByteSize maxMessageSize) {

  static final String DEFAULT_PREFIX = "/emporium";
  static final Set<String> KNOWN = new TreeSet<>(Set.of("endpoints", "prefix", "service", "requestTimeout",
      "checkInterval", "retryDelay", "maxRetryDelay", "maxMessageSize"));
  private static final Pattern SERVICE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final Pattern PREFIX = Pattern.compile("(/[A-Za-z0-9._-]+)+");

  /** An etcd client URL. */
  public record Endpoint(String host, int port, boolean tls) {

    @Override
    public String toString() {
      return (tls ? "https://" : "http://") + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
  }

  public EtcdSettings {
    endpoints = List.copyOf(endpoints);
  }

  /** The directory of the service's instances: {@code <prefix>/services/<service>/}. */
  public String instancesKey() {
    return prefix + "/services/" + service + "/";
  }

  /**
   * Reads and checks the settings.
   *
   * @throws DiscoverySettingException naming the first setting that cannot be used
   */
  public static EtcdSettings of(ClusterConfig cluster) {
    Map<String, String> s = cluster.discovery().settings();
    for (String key : s.keySet()) {
      if (!KNOWN.contains(key)) {
        throw new DiscoverySettingException("settings." + key,
            "unknown etcd discovery setting '" + key + "'; known: " + String.join(", ", KNOWN));
      }
    }
    String endpoints = s.get("endpoints");
    if (endpoints == null || endpoints.isBlank()) {
      throw new DiscoverySettingException("settings.endpoints",
          "etcd discovery needs endpoints: etcd's client addresses, comma-separated host:port or http(s) URLs");
    }
    List<Endpoint> parsed = new ArrayList<>();
    for (String part : endpoints.split(",")) {
      if (!part.isBlank()) parsed.add(endpoint(part.trim()));
    }
    String prefix = s.getOrDefault("prefix", DEFAULT_PREFIX).trim();
    if (prefix.endsWith("/") && prefix.length() > 1) prefix = prefix.substring(0, prefix.length() - 1);
    if (!PREFIX.matcher(prefix).matches()) {
      throw new DiscoverySettingException("settings.prefix", "'" + prefix
          + "' is not a key prefix; write /name or /name/more of letters, digits, '.', '_' or '-'");
    }
    String service = s.getOrDefault("service", cluster.name()).trim();
    if (!SERVICE.matcher(service).matches()) {
      throw new DiscoverySettingException("settings.service",
          "'" + service + "' is not a service name; use letters, digits, '.', '_' or '-'");
    }
    Duration requestTimeout = duration(s, "requestTimeout", "5s", Duration.ofMillis(100), Duration.ofMinutes(1));
    Duration checkInterval = duration(s, "checkInterval", "5s", Duration.ofMillis(100), Duration.ofHours(1));
    Duration retryDelay = duration(s, "retryDelay", "500ms", Duration.ofMillis(10), Duration.ofMinutes(1));
    Duration maxRetryDelay = duration(s, "maxRetryDelay", "15s", retryDelay, Duration.ofHours(1));
    ByteSize maxMessageSize;
    try {
      maxMessageSize = ByteSize.parse(s.getOrDefault("maxMessageSize", "4MiB"));
    } catch (IllegalArgumentException e) {
      throw new DiscoverySettingException("settings.maxMessageSize", e.getMessage());
    }
    if (maxMessageSize.bytes() < 1024 || maxMessageSize.bytes() > Integer.MAX_VALUE) {
      throw new DiscoverySettingException("settings.maxMessageSize", "must be between 1KiB and 2GiB");
    }
    return new EtcdSettings(parsed, prefix, service, requestTimeout, checkInterval, retryDelay, maxRetryDelay,
        maxMessageSize);
  }

  private static Endpoint endpoint(String text) {
    String field = "settings.endpoints";
    String withScheme = text.contains("://") ? text : "http://" + text;
    URI uri;
    try {
      uri = URI.create(withScheme);
    } catch (IllegalArgumentException e) {
      throw new DiscoverySettingException(field, "'" + text + "' is not host:port or an http(s) URL");
    }
    String scheme = uri.getScheme();
    if (!"http".equals(scheme) && !"https".equals(scheme)) {
      throw new DiscoverySettingException(field, "'" + text + "': etcd is reached over http or https");
    }
    if (uri.getHost() == null) {
      throw new DiscoverySettingException(field, "'" + text + "' names no host");
    }
    if (uri.getPort() < 1 && !text.contains("://")) {
      throw new DiscoverySettingException(field, "'" + text + "' names no port; etcd's client port is usually 2379");
    }
    if ((uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/")) || uri.getQuery() != null) {
      throw new DiscoverySettingException(field, "'" + text + "': give etcd's address only, without a path");
    }
    boolean tls = "https".equals(scheme);
    int port = uri.getPort() > 0 ? uri.getPort() : 2379;
    String host = uri.getHost();
    if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
    return new Endpoint(host, port, tls);
  }

  private static Duration duration(Map<String, String> s, String name, String fallback, Duration min, Duration max) {
    String field = "settings." + name;
    Duration d;
    try {
      d = Durations.parse(s.getOrDefault(name, fallback));
    } catch (IllegalArgumentException e) {
      throw new DiscoverySettingException(field, e.getMessage());
    }
    if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
      throw new DiscoverySettingException(field,
          "must be between " + Durations.format(min) + " and " + Durations.format(max) + ", is " + Durations.format(d));
    }
    return d;
  }
}
