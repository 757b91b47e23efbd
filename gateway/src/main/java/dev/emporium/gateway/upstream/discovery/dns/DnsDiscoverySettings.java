package dev.emporium.gateway.upstream.discovery.dns;

import dev.emporium.gateway.config.Durations;
import dev.emporium.gateway.upstream.EndpointAddress;
import dev.emporium.gateway.upstream.DiscoverySettingException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The settings of a {@code dns} discovery, read from the cluster's {@code discovery.settings}.
 *
 * @param name the DNS name whose records are the cluster's members, e.g. a headless Service
 *     {@code product.emporium.svc.cluster.local}, or {@code _http._tcp.product.emporium.svc.cluster.local} for SRV
 * @param records which records to ask for
 * @param port the members' port; 0 for SRV, whose records carry their port
 * @param interval time between lookups of A/AAAA records, and after a failed lookup
 * @param minInterval the shortest wait after an SRV answer, however small its TTL
 * @param maxInterval the longest wait after an SRV answer, however large its TTL
 * @param timeout how long one query to one server may take
 * @param servers the DNS servers to ask, in order; empty: the resolvers of the host (/etc/resolv.conf)
 * @param weight every A/AAAA member's weight (SRV members take the records' weights)
 * @param zone every member's zone, for zone-aware balancing; null when none
 * @param maxMembers the most members one answer may give; the rest are ignored, with a warning
 */
public record DnsDiscoverySettings(String name, Records records, int port, Duration interval, Duration minInterval,
    Duration maxInterval, Duration timeout, List<EndpointAddress> servers, int weight, String zone, int maxMembers) {

  /** Which records a lookup asks for. */
  public enum Records {
    /** IPv4 addresses only. */
    A,
    /** IPv6 addresses only. */
    AAAA,
    /** IPv4 and IPv6 addresses. */
    ANY,
    /** SRV records; each target's addresses, with the record's port and weight. */
    SRV;

    static Records parse(String text) {
      return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
        case "a" -> A;
        case "aaaa" -> AAAA;
        case "a+aaaa", "any" -> ANY;
        case "srv" -> SRV;
        default -> throw DiscoverySettingException.ofSetting("records", "'" + text + "' is not one of a, aaaa, a+aaaa, srv");
      };
    }
  }

  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
  public static final Duration DEFAULT_MIN_INTERVAL = Duration.ofSeconds(1);
  public static final Duration DEFAULT_MAX_INTERVAL = Duration.ofSeconds(30);
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
  public static final int DEFAULT_MAX_MEMBERS = 512;

  static final Set<String> KNOWN = new TreeSet<>(Set.of("name", "records", "port", "interval", "minInterval",
      "maxInterval", "timeout", "servers", "weight", "zone", "maxMembers"));

  private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?");

  public DnsDiscoverySettings {
    servers = List.copyOf(servers);
  }

  /**
   * Reads and checks the settings.
   *
   * @throws DiscoverySettingException naming the setting at fault, e.g. {@code port}: "must be 1-65535, is 0"
   */
  public static DnsDiscoverySettings parse(Map<String, String> settings) {
    for (String key : settings.keySet()) {
      if (!KNOWN.contains(key)) {
        throw DiscoverySettingException.ofSetting(key, "unknown setting; known: " + String.join(", ", KNOWN));
      }
    }
    String name = settings.get("name");
    if (name == null || name.isBlank()) {
      throw DiscoverySettingException.ofSetting("name", "the DNS name to look up is required, "
          + "e.g. product.emporium.svc.cluster.local");
    }
    name = name.trim();
    checkName(name);
    Records records = settings.containsKey("records") ? Records.parse(settings.get("records")) : Records.ANY;
    int port;
    if (records == Records.SRV) {
      if (settings.containsKey("port")) {
        throw DiscoverySettingException.ofSetting("port", "SRV records carry their own port; remove this setting");
      }
      port = 0;
    } else {
      if (!settings.containsKey("port")) {
        throw DiscoverySettingException.ofSetting("port", "the members' port is required for A/AAAA records");
      }
      port = integer(settings, "port", 0, 1, 65535);
    }
    Duration interval = duration(settings, "interval", DEFAULT_INTERVAL);
    Duration minInterval = duration(settings, "minInterval", DEFAULT_MIN_INTERVAL);
    Duration maxInterval = duration(settings, "maxInterval", DEFAULT_MAX_INTERVAL);
    if (maxInterval.compareTo(minInterval) < 0) {
      throw DiscoverySettingException.ofSetting("maxInterval", Durations.format(maxInterval)
          + " is shorter than minInterval " + Durations.format(minInterval));
    }
    Duration timeout = duration(settings, "timeout", DEFAULT_TIMEOUT);
    if (timeout.compareTo(Duration.ofMinutes(1)) > 0) {
      throw DiscoverySettingException.ofSetting("timeout", "at most 1m, is " + Durations.format(timeout));
    }
    List<EndpointAddress> servers = servers(settings.get("servers"));
    int weight = integer(settings, "weight", 1, 1, 1000);
    if (records == Records.SRV && settings.containsKey("weight")) {
      throw DiscoverySettingException.ofSetting("weight", "SRV records carry their own weights; remove this setting");
    }
    String zone = settings.get("zone");
    if (zone != null && zone.isBlank()) {
      throw DiscoverySettingException.ofSetting("zone", "cannot be blank; remove it for members without a zone");
    }
    int maxMembers = integer(settings, "maxMembers", DEFAULT_MAX_MEMBERS, 1, 100_000);
    return new DnsDiscoverySettings(name, records, port, interval, minInterval, maxInterval, timeout, servers, weight,
        zone == null ? null : zone.trim(), maxMembers);
  }

  /** How long to wait after an answer whose smallest TTL is {@code ttlSeconds}. */
  Duration afterTtl(long ttlSeconds) {
    Duration ttl = Duration.ofSeconds(Math.max(0, ttlSeconds));
    if (ttl.compareTo(minInterval) < 0) return minInterval;
    if (ttl.compareTo(maxInterval) > 0) return maxInterval;
    return ttl;
  }

  private static void checkName(String name) {
    String bare = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    if (bare.length() > 253) {
      throw DiscoverySettingException.ofSetting("name", "a DNS name has at most 253 characters, '" + name + "' has "
          + bare.length());
    }
    for (String label : bare.split("\\.", -1)) {
      if (!LABEL.matcher(label).matches()) {
        throw DiscoverySettingException.ofSetting("name", "'" + name + "' is not a DNS name (labels of 1-63 letters, "
            + "digits, '-' or '_', separated by dots)");
      }
    }
  }

  private static int integer(Map<String, String> settings, String key, int fallback, int min, int max) {
    String text = settings.get(key);
    if (text == null) return fallback;
    int value;
    try {
      value = Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw DiscoverySettingException.ofSetting(key, "'" + text + "' is not a whole number");
    }
    if (value < min || value > max) {
      throw DiscoverySettingException.ofSetting(key, "must be " + min + "-" + max + ", is " + value);
    }
    return value;
  }

  private static Duration duration(Map<String, String> settings, String key, Duration fallback) {
    String text = settings.get(key);
    if (text == null) return fallback;
    Duration value;
    try {
      value = Durations.parse(text);
    } catch (IllegalArgumentException e) {
      throw DiscoverySettingException.ofSetting(key, e.getMessage());
    }
    if (value.toMillis() < 10) {
      throw DiscoverySettingException.ofSetting(key, "must be at least 10ms, is " + text.trim());
    }
    return value;
  }

  private static List<EndpointAddress> servers(String text) {
    if (text == null) return List.of();
    List<EndpointAddress> servers = new ArrayList<>();
    for (String part : text.split(",")) {
      String s = part.trim();
      if (s.isEmpty()) {
        throw DiscoverySettingException.ofSetting("servers", "'" + text + "' has an empty entry; "
            + "write host:port entries separated by commas");
      }
      try {
        // A bare host (no port, no IPv6 brackets) means the standard port.
        servers.add(s.indexOf(':') < 0 ? new EndpointAddress(s, 53) : EndpointAddress.parse(s));
      } catch (IllegalArgumentException e) {
        throw DiscoverySettingException.ofSetting("servers", e.getMessage());
      }
    }
    if (servers.size() > 16) {
      throw DiscoverySettingException.ofSetting("servers", "at most 16 servers, has " + servers.size());
    }
    return servers;
  }
}
