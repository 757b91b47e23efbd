package dev.emporium.gateway.upstream.discovery.etcd;

import dev.emporium.gateway.upstream.Discovery;
import dev.emporium.gateway.upstream.EndpointAddress;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * The value a service instance registers under its key: a JSON object
 * {@code {"address": "host:port", "zone": "eu-1", "weight": 1, "version": "...", "startedAt": "..."}}.
 * Only {@code address} is required; {@code weight} defaults to 1 and must be 1-1000, as a static
 * endpoint's. {@code version} and {@code startedAt} are for people and are not read here.
 */
final class InstanceRecord {

  private InstanceRecord() {}

  /** The member a value describes; IllegalArgumentException says why it describes none. */
  static Discovery.Member parse(byte[] value) {
    JsonObject json;
    try {
      json = new JsonObject(Buffer.buffer(value));
    } catch (DecodeException | ClassCastException e) {
      throw new IllegalArgumentException("not a JSON object");
    }
    Object address = json.getValue("address");
    if (!(address instanceof String text)) throw new IllegalArgumentException("no \"address\": \"host:port\"");
    EndpointAddress parsed = EndpointAddress.parse(text);
    Object weight = json.getValue("weight", 1);
    if (!(weight instanceof Number n) || n.doubleValue() != n.intValue() || n.intValue() < 1 || n.intValue() > 1000) {
      throw new IllegalArgumentException("\"weight\" must be a whole number 1-1000, is " + weight);
    }
    Object zone = json.getValue("zone");
    if (zone != null && !(zone instanceof String)) throw new IllegalArgumentException("\"zone\" must be a string");
    String zoneName = zone == null || ((String) zone).isBlank() ? null : (String) zone;
    return new Discovery.Member(parsed, n.intValue(), zoneName);
  }
}
