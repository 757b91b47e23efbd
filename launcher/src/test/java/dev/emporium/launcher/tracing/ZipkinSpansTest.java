package dev.emporium.launcher.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

class ZipkinSpansTest {

  static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  static final String PARENT = "00f067aa0ba902b7";
  static final String SPAN = "53995c3f42cd8ad8";
  static final long START = 1_700_000_000_123_456_789L;

  @Test
  void serverSpanKeepsItsIdsServiceKindTimesAndAttributes() {
    Span span = span(SPAN, PARENT).setKind(Span.SpanKind.SPAN_KIND_SERVER).setName("http post /api/orders")
        .addAttributes(attribute("http.request.method", AnyValue.newBuilder().setStringValue("POST").build()))
        .addAttributes(attribute("http.response.status_code", AnyValue.newBuilder().setIntValue(201).build()))
        .addAttributes(attribute("retried", AnyValue.newBuilder().setBoolValue(false).build()))
        .addAttributes(attribute("roles", AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder()
            .addValues(AnyValue.newBuilder().setStringValue("customer"))
            .addValues(AnyValue.newBuilder().setStringValue("admin"))).build()))
        .build();

    JsonNode zipkin = only(ZipkinSpans.of(request("order", span)));

    assertThat(zipkin.get("traceId").asString()).isEqualTo(TRACE);
    assertThat(zipkin.get("id").asString()).isEqualTo(SPAN);
    assertThat(zipkin.get("parentId").asString()).isEqualTo(PARENT);
    assertThat(zipkin.get("kind").asString()).isEqualTo("SERVER");
    assertThat(zipkin.get("name").asString()).isEqualTo("http post /api/orders");
    assertThat(zipkin.get("localEndpoint").get("serviceName").asString()).isEqualTo("order");
    assertThat(zipkin.get("timestamp").asLong()).isEqualTo(1_700_000_000_123_456L);
    assertThat(zipkin.get("duration").asLong()).isEqualTo(2_500);
    JsonNode tags = zipkin.get("tags");
    assertThat(tags.get("http.request.method").asString()).isEqualTo("POST");
    assertThat(tags.get("http.response.status_code").asString()).isEqualTo("201");
    assertThat(tags.get("retried").asString()).isEqualTo("false");
    assertThat(tags.get("roles").asString()).isEqualTo("[\"customer\",\"admin\"]");
    assertThat(tags.get("otel.scope.name").asString()).isEqualTo("dev.emporium.test");
    assertThat(tags.has("error")).isFalse();
  }

  @Test
  void rootInternalSpanHasNoParentNoKindAndAnErrorStatusBecomesTheErrorTag() {
    Span span = span(SPAN, null).setKind(Span.SpanKind.SPAN_KIND_INTERNAL).setName("payment charge")
        .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage("processor down"))
        .build();

    JsonNode zipkin = only(ZipkinSpans.of(request("payment", span)));

    assertThat(zipkin.has("parentId")).isFalse();
    assertThat(zipkin.has("kind")).isFalse();
    assertThat(zipkin.get("tags").get("error").asString()).isEqualTo("processor down");
    assertThat(zipkin.get("tags").get("otel.status_code").asString()).isEqualTo("ERROR");
  }

  @Test
  void eventsBecomeAnnotationsAndPeerServiceTheRemoteEndpoint() {
    Span span = span(SPAN, PARENT).setKind(Span.SpanKind.SPAN_KIND_CONSUMER).setName("order-events receive")
        .addAttributes(attribute("peer.service", AnyValue.newBuilder().setStringValue("kafka").build()))
        .addEvents(Span.Event.newBuilder().setTimeUnixNano(START + 1_000_000).setName("retry"))
        .addEvents(Span.Event.newBuilder().setTimeUnixNano(START + 2_000_000).setName("exception")
            .addAttributes(attribute("exception.type", AnyValue.newBuilder().setStringValue("Boom").build())))
        .build();

    JsonNode zipkin = only(ZipkinSpans.of(request("inventory", span)));

    assertThat(zipkin.get("kind").asString()).isEqualTo("CONSUMER");
    assertThat(zipkin.get("remoteEndpoint").get("serviceName").asString()).isEqualTo("kafka");
    JsonNode annotations = zipkin.get("annotations");
    assertThat(annotations.get(0).get("timestamp").asLong()).isEqualTo(1_700_000_000_124_456L);
    assertThat(annotations.get(0).get("value").asString()).isEqualTo("retry");
    assertThat(annotations.get(1).get("value").asString()).isEqualTo("exception {\"exception.type\":\"Boom\"}");
  }

  @Test
  void spansWithoutAValidTraceIdAreLeftOutAndAResourceWithoutANameIsUnknown() {
    Span invalid = span(SPAN, null).setTraceId(ByteString.copyFrom(new byte[16])).build();
    Span valid = span(SPAN, null).build();
    ExportTraceServiceRequest request = ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(ResourceSpans.newBuilder().setResource(Resource.getDefaultInstance())
            .addScopeSpans(ScopeSpans.newBuilder().addSpans(invalid).addSpans(valid)))
        .build();

    ArrayNode spans = ZipkinSpans.of(request);

    assertThat(spans).hasSize(1);
    assertThat(spans.get(0).get("localEndpoint").get("serviceName").asString()).isEqualTo("unknown_service");
  }

  @Test
  void aSpanShorterThanAMicrosecondLastsOne() {
    Span span = span(SPAN, null).setEndTimeUnixNano(START + 10).build();

    assertThat(only(ZipkinSpans.of(request("cart", span))).get("duration").asLong()).isEqualTo(1);
  }

  private static Span.Builder span(String id, String parent) {
    Span.Builder span = Span.newBuilder().setTraceId(bytes(TRACE)).setSpanId(bytes(id)).setName("work")
        .setStartTimeUnixNano(START).setEndTimeUnixNano(START + 2_500_000);
    if (parent != null) {
      span.setParentSpanId(bytes(parent));
    }
    return span;
  }

  private static ExportTraceServiceRequest request(String service, Span span) {
    return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
        .setResource(Resource.newBuilder().addAttributes(attribute("service.name",
            AnyValue.newBuilder().setStringValue(service).build())))
        .addScopeSpans(ScopeSpans.newBuilder().setScope(InstrumentationScope.newBuilder().setName("dev.emporium.test"))
            .addSpans(span)))
        .build();
  }

  private static KeyValue attribute(String key, AnyValue value) {
    return KeyValue.newBuilder().setKey(key).setValue(value).build();
  }

  private static ByteString bytes(String hex) {
    return ByteString.copyFrom(HexFormat.of().parseHex(hex));
  }

  private static JsonNode only(ArrayNode spans) {
    assertThat(spans).hasSize(1);
    return spans.get(0);
  }
}
