package dev.emporium.platform.events.envelope;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.cloudevents.rw.CloudEventRWException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes and reads CloudEvents 1.0 in the Kafka protocol binding's <em>binary</em> content mode:
 * attributes in {@code ce_*} headers, the event's JSON data as the record value, the aggregate id
 * as the key. Binary mode keeps the value the plain event JSON (so it validates against the event's
 * schema as it is and tools show it readably) and lets brokers and tools route on headers without
 * parsing values. W3C {@code traceparent}/{@code tracestate} travel as plain headers beside them.
 */
public final class CloudEventCodec {

  public static final String DATA_CONTENT_TYPE = "application/json";
  /** {@code dataschema} of an event type: a name (the schema lives in the producer's events/ folder). */
  public static final String SCHEMA_URN_PREFIX = "urn:emporium:events:";

  private final JsonMapper mapper;

  public CloudEventCodec(JsonMapper mapper) {
    this.mapper = mapper;
  }

  /** The record the relay publishes for one outbox row. */
  public ProducerRecord<String, byte[]> toRecord(String topic, String id, URI source, String type,
      String aggregateId, OffsetDateTime time, byte[] data, Map<String, String> traceHeaders) {
    CloudEvent event = CloudEventBuilder.v1()
        .withId(id)
        .withSource(source)
        .withType(type)
        .withSubject(aggregateId)
        .withTime(time)
        .withDataContentType(DATA_CONTENT_TYPE)
        .withDataSchema(URI.create(SCHEMA_URN_PREFIX + type))
        .withData(data)
        .build();
    ProducerRecord<String, byte[]> record = KafkaMessageFactory.<String>createWriter(topic, aggregateId)
        .writeBinary(event);
    traceHeaders.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
    return record;
  }

  /** @throws MalformedEventException when the record is not a CloudEvent with data */
  public IncomingEvent read(ConsumerRecord<String, byte[]> record) {
    CloudEvent event;
    try {
      event = KafkaMessageFactory.createReader(record).toEvent();
    } catch (CloudEventRWException | IllegalStateException | IllegalArgumentException e) {
      throw new MalformedEventException("not a CloudEvent: " + record.topic() + "-" + record.partition() + "@"
          + record.offset(), e);
    }
    if (event.getData() == null) {
      throw new MalformedEventException("CloudEvent " + event.getId() + " has no data", null);
    }
    return new IncomingEvent(event.getId(), event.getSource(), event.getType(), event.getSubject(),
        event.getTime(), record.topic(), record.key(), record.partition(), record.offset(),
        event.getData().toBytes(), mapper);
  }
}
