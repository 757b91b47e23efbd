package dev.emporium.launcher.tracing;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns OTLP spans into Zipkin's v2 JSON model, the way OpenTelemetry's Zipkin exporter did:
 * {@code service.name} of the resource becomes the local endpoint, span kinds map one to one
 * (internal spans have none), attributes become tags (arrays and maps as JSON), an ERROR status
 * becomes the {@code error} tag, events become annotations, and {@code peer.service} names the
 * remote endpoint. Times go from nanoseconds to microseconds.
 */
final class ZipkinSpans {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HexFormat HEX = HexFormat.of();
  private static final String UNKNOWN_SERVICE = "unknown_service";

  private ZipkinSpans() {}

  /** The request's spans as a Zipkin JSON array; spans without a valid trace or span id are left out. */
  static ArrayNode of(ExportTraceServiceRequest request) {
    ArrayNode spans = NODES.arrayNode();
    for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
      String service = serviceName(resourceSpans.getResource());
      for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
        for (Span span : scopeSpans.getSpansList()) {
          if (valid(span.getTraceId(), 16) && valid(span.getSpanId(), 8)) {
            spans.add(of(span, service, scopeSpans.getScope()));
          }
        }
      }
    }
    return spans;
  }

  static byte[] json(ArrayNode spans) {
    return JSON.writeValueAsBytes(spans);
  }

  private static ObjectNode of(Span span, String service, InstrumentationScope scope) {
    ObjectNode zipkin = NODES.objectNode();
    zipkin.put("traceId", HEX.formatHex(span.getTraceId().toByteArray()));
    zipkin.put("id", HEX.formatHex(span.getSpanId().toByteArray()));
    if (valid(span.getParentSpanId(), 8)) {
      zipkin.put("parentId", HEX.formatHex(span.getParentSpanId().toByteArray()));
    }
    String kind = switch (span.getKind()) {
      case SPAN_KIND_SERVER -> "SERVER";
      case SPAN_KIND_CLIENT -> "CLIENT";
      case SPAN_KIND_PRODUCER -> "PRODUCER";
      case SPAN_KIND_CONSUMER -> "CONSUMER";
      default -> null;
    };
    if (kind != null) {
      zipkin.put("kind", kind);
    }
    zipkin.put("name", span.getName());
    long start = span.getStartTimeUnixNano() / 1000;
    zipkin.put("timestamp", start);
    // Zipkin reads a duration of 0 as "unknown": a span shorter than a microsecond lasted 1.
    zipkin.put("duration", Math.max(1, span.getEndTimeUnixNano() / 1000 - start));
    zipkin.putObject("localEndpoint").put("serviceName", service);

    ObjectNode tags = NODES.objectNode();
    String peerService = null;
    for (KeyValue attribute : span.getAttributesList()) {
      String value = text(attribute.getValue());
      tags.put(attribute.getKey(), value);
      if (attribute.getKey().equals("peer.service")) {
        peerService = value;
      }
    }
    if (!scope.getName().isEmpty()) {
      tags.put("otel.scope.name", scope.getName());
    }
    if (!scope.getVersion().isEmpty()) {
      tags.put("otel.scope.version", scope.getVersion());
    }
    Status status = span.getStatus();
    if (status.getCode() == Status.StatusCode.STATUS_CODE_ERROR) {
      tags.put("otel.status_code", "ERROR");
      tags.put("error", status.getMessage().isEmpty() ? "ERROR" : status.getMessage());
    } else if (status.getCode() == Status.StatusCode.STATUS_CODE_OK) {
      tags.put("otel.status_code", "OK");
    }
    if (peerService != null && !peerService.isEmpty()) {
      zipkin.putObject("remoteEndpoint").put("serviceName", peerService);
    }
    if (!span.getEventsList().isEmpty()) {
      ArrayNode annotations = zipkin.putArray("annotations");
      for (Span.Event event : span.getEventsList()) {
        String value = event.getAttributesList().isEmpty() ? event.getName()
            : event.getName() + " " + JSON.writeValueAsString(object(event.getAttributesList()));
        annotations.addObject().put("timestamp", event.getTimeUnixNano() / 1000).put("value", value);
      }
    }
    if (!tags.isEmpty()) {
      zipkin.set("tags", tags);
    }
    return zipkin;
  }

  private static String serviceName(Resource resource) {
    for (KeyValue attribute : resource.getAttributesList()) {
      if (attribute.getKey().equals("service.name")) {
        String name = text(attribute.getValue());
        return name.isEmpty() ? UNKNOWN_SERVICE : name;
      }
    }
    return UNKNOWN_SERVICE;
  }

  /** A tag's value: strings as they are, numbers and booleans as written, arrays and maps as JSON. */
  private static String text(AnyValue value) {
    return switch (value.getValueCase()) {
      case STRING_VALUE -> value.getStringValue();
      case ARRAY_VALUE, KVLIST_VALUE -> JSON.writeValueAsString(node(value));
      default -> node(value).asString();
    };
  }

  private static JsonNode node(AnyValue value) {
    return switch (value.getValueCase()) {
      case STRING_VALUE -> NODES.stringNode(value.getStringValue());
      case BOOL_VALUE -> NODES.booleanNode(value.getBoolValue());
      case INT_VALUE -> NODES.numberNode(value.getIntValue());
      case DOUBLE_VALUE -> NODES.numberNode(value.getDoubleValue());
      case BYTES_VALUE -> NODES.stringNode(Base64.getEncoder().encodeToString(value.getBytesValue().toByteArray()));
      case ARRAY_VALUE -> {
        ArrayNode array = NODES.arrayNode();
        value.getArrayValue().getValuesList().forEach(element -> array.add(node(element)));
        yield array;
      }
      case KVLIST_VALUE -> object(value.getKvlistValue().getValuesList());
      default -> NODES.stringNode("");
    };
  }

  private static ObjectNode object(List<KeyValue> attributes) {
    ObjectNode object = NODES.objectNode();
    attributes.forEach(attribute -> object.set(attribute.getKey(), node(attribute.getValue())));
    return object;
  }

  /** An id of the right length that is not all zeros (W3C's "invalid" id). */
  private static boolean valid(ByteString id, int length) {
    if (id.size() != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (id.byteAt(i) != 0) {
        return true;
      }
    }
    return false;
  }
}
