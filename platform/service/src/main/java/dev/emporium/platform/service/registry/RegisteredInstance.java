package dev.emporium.platform.service.registry;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an instance writes under its key: the JSON object the gateway's etcd discovery reads
 * ({@code address} and the optional {@code zone} and {@code weight}), with {@code version} and
 * {@code startedAt} for people reading the registry.
 *
 * @param key {@code <prefix>/services/<service>/<instance id>}
 * @param address {@code host:port} the gateway sends requests to
 */
record RegisteredInstance(String key, String address, String zone, int weight, String version, Instant startedAt) {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  String value() {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("address", address);
    if (zone != null) value.put("zone", zone);
    value.put("weight", weight);
    value.put("version", version);
    value.put("startedAt", startedAt.toString());
    return JSON.writeValueAsString(value);
  }
}
