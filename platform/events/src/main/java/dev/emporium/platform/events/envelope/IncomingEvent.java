package dev.emporium.platform.events.envelope;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A CloudEvent as a consumer receives it: the envelope's attributes, where it came from on Kafka,
 * and its JSON data, read into the consumer's own record type with {@link #data(Class)} (a consumer
 * keeps its own copy of the producer's event records: services share schemas, not code).
 */
public record IncomingEvent(String id, URI source, String type, @Nullable String subject,
    @Nullable OffsetDateTime time, String topic, @Nullable String key, int partition, long offset,
    byte[] data, JsonMapper mapper) {

  public <T> T data(Class<T> type) {
    return mapper.readValue(data, type);
  }

  public JsonNode json() {
    return mapper.readTree(data);
  }

  public String dataAsString() {
    return new String(data, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return type + " " + id + " from " + source + " (" + topic + "-" + partition + "@" + offset + ", key " + key + ")";
  }
}
