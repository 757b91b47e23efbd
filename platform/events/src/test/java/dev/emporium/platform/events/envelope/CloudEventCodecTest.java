package dev.emporium.platform.events.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class CloudEventCodecTest {

  private final CloudEventCodec codec = new CloudEventCodec(JsonMapper.builder().build());

  @Test
  void writesBinaryModeKeyedByAggregateAndReadsItBack() {
    OffsetDateTime time = OffsetDateTime.of(2026, 11, 24, 10, 0, 0, 0, ZoneOffset.UTC);
    ProducerRecord<String, byte[]> written = codec.toRecord("orders", "id-1", URI.create("/services/order"),
        "OrderCreated", "o-42", time, "{\"orderId\":\"o-42\"}".getBytes(StandardCharsets.UTF_8),
        Map.of("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));

    assertThat(written.key()).isEqualTo("o-42");
    assertThat(new String(written.value(), StandardCharsets.UTF_8)).isEqualTo("{\"orderId\":\"o-42\"}");
    assertThat(written.headers().lastHeader("traceparent")).isNotNull();

    ConsumerRecord<String, byte[]> received = new ConsumerRecord<>("orders", 2, 17L, written.key(), written.value());
    written.headers().forEach(h -> received.headers().add(h));
    IncomingEvent event = codec.read(received);

    assertThat(event.id()).isEqualTo("id-1");
    assertThat(event.type()).isEqualTo("OrderCreated");
    assertThat(event.source()).isEqualTo(URI.create("/services/order"));
    assertThat(event.subject()).isEqualTo("o-42");
    assertThat(event.time()).isEqualTo(time);
    assertThat(event.partition()).isEqualTo(2);
    assertThat(event.offset()).isEqualTo(17L);
    assertThat(event.json().get("orderId").asString()).isEqualTo("o-42");
  }

  @Test
  void recordWithoutCloudEventsHeadersIsMalformed() {
    ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("orders", 0, 0L, "k", "{}".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> codec.read(record)).isInstanceOf(MalformedEventException.class);
  }
}
