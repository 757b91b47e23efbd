package dev.emporium.launcher.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The trace viewer of {@code emporium up --tracing} for real: the Zipkin jar fetched with Maven,
 * Zipkin as a child process, and spans sent by OpenTelemetry's own OTLP exporter.
 */
class TraceViewerIT {

  static final JsonMapper JSON = JsonMapper.builder().build();
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static Path directory;
  static Path jar;
  static TraceViewer viewer;

  @BeforeAll
  static void start() {
    directory = Path.of(System.getProperty("emporium.test.zipkin.directory", "target/zipkin"));
    jar = ZipkinJar.inDirectory(directory, line -> System.out.println("trace-viewer-it: " + line));
    Map<String, String> env = new HashMap<>();
    env.put("EMPORIUM_ZIPKIN_PORT", String.valueOf(freePort()));
    env.put("EMPORIUM_OTLP_PORT", "0");
    env.put("EMPORIUM_ZIPKIN_JAR", jar.toString());
    env.put("EMPORIUM_ZIPKIN_HEAP", "256m");
    viewer = TraceViewer.start(TracingSettings.fromEnvironment(env), directory, line -> { });
  }

  @AfterAll
  static void stop() {
    if (viewer != null) {
      viewer.close();
    }
  }

  @Test
  void spansExportedOverOtlpShowInZipkinAsOneTraceWithTheirServices() throws Exception {
    SdkTracerProvider gateway = provider("gateway");
    SdkTracerProvider order = provider("order");
    Span server = gateway.get("test").spanBuilder("POST orders").setSpanKind(SpanKind.SERVER).startSpan();
    Span attempt = gateway.get("test").spanBuilder("POST").setSpanKind(SpanKind.CLIENT)
        .setParent(Context.root().with(server)).startSpan();
    Span handler = order.get("test").spanBuilder("http post /api/orders").setSpanKind(SpanKind.SERVER)
        .setParent(Context.root().with(attempt)).setAttribute("http.response.status_code", 500L).startSpan();
    handler.setStatus(StatusCode.ERROR, "out of stock");
    handler.end();
    attempt.end();
    server.end();
    gateway.forceFlush().join(10, TimeUnit.SECONDS);
    order.forceFlush().join(10, TimeUnit.SECONDS);
    gateway.close();
    order.close();

    JsonNode trace = awaitTrace(server.getSpanContext().getTraceId(), 3);
    assertThat(trace.valueStream().map(s -> s.get("localEndpoint").get("serviceName").asString()))
        .containsExactlyInAnyOrder("gateway", "gateway", "order");
    JsonNode orderSpan = trace.valueStream()
        .filter(s -> s.get("localEndpoint").get("serviceName").asString().equals("order")).findFirst().orElseThrow();
    assertThat(orderSpan.get("parentId").asString()).isEqualTo(attempt.getSpanContext().getSpanId());
    assertThat(orderSpan.get("kind").asString()).isEqualTo("SERVER");
    assertThat(orderSpan.get("tags").get("error").asString()).isEqualTo("out of stock");
    assertThat(orderSpan.get("tags").get("http.response.status_code").asString()).isEqualTo("500");
    assertThat(services()).contains("gateway", "order");
  }

  @Test
  void theReceiverRefusesWhatIsNotAnOtlpProtobufExport() throws Exception {
    assertThat(post("application/json", "{}").statusCode()).isEqualTo(415);
    assertThat(post("application/x-protobuf", "\u00ff\u00ff not protobuf").statusCode()).isEqualTo(400);
    HttpResponse<String> get = HTTP.send(HttpRequest.newBuilder(URI.create(viewer.otlpEndpoint())).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(get.statusCode()).isEqualTo(405);
  }

  @Test
  void theReceiverRefusesAnExportLargerThanItsLimit() throws Exception {
    try (OtlpReceiver small = OtlpReceiver.start(0, URI.create("http://127.0.0.1:1/api/v2/spans"), 1024)) {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(small.endpoint()))
          .header("Content-Type", "application/x-protobuf")
          .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[2048])).build(), HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(413);
      assertThat(response.body()).contains("EMPORIUM_OTLP_MAX_REQUEST_BYTES");
    }
  }

  @Test
  void theReceiverAnswers503WhenZipkinCannotBeReached() throws Exception {
    try (OtlpReceiver orphan = OtlpReceiver.start(0, URI.create("http://127.0.0.1:" + freePort() + "/api/v2/spans"),
        1024 * 1024)) {
      byte[] export = ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
          .addScopeSpans(ScopeSpans.newBuilder().addSpans(io.opentelemetry.proto.trace.v1.Span.newBuilder()
              .setTraceId(ByteString.copyFrom(HexFormat.of().parseHex("4bf92f3577b34da6a3ce929d0e0e4736")))
              .setSpanId(ByteString.copyFrom(HexFormat.of().parseHex("00f067aa0ba902b7"))).setName("lost"))))
          .build().toByteArray();

      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(orphan.endpoint()))
          .header("Content-Type", "application/x-protobuf").POST(HttpRequest.BodyPublishers.ofByteArray(export))
          .build(), HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(orphan.forwarded()).isZero();
    }
  }

  @Test
  void theJarIsFetchedOnceAndThenReused() throws IOException {
    FileTime fetched = Files.getLastModifiedTime(jar);

    assertThat(ZipkinJar.inDirectory(directory, line -> {
      throw new AssertionError("fetched again: " + line);
    })).isEqualTo(jar);
    assertThat(Files.getLastModifiedTime(jar)).isEqualTo(fetched);
    assertThat(jar.getFileName().toString()).matches("zipkin-server-.+-exec\\.jar");
  }

  @Test
  void badSettingsAreRefusedNamingTheVariable() {
    Map<String, String> env = Map.of("EMPORIUM_ZIPKIN_PORT", "70000");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> TracingSettings.fromEnvironment(env))
        .hasMessageContaining("EMPORIUM_ZIPKIN_PORT");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TracingSettings(9411, 4318,
        Optional.of(directory.resolve("missing.jar")), 10, "512m", 4096)).hasMessageContaining("EMPORIUM_ZIPKIN_JAR");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TracingSettings(9411, 4318, Optional.empty(), 10,
        "lots", 4096)).hasMessageContaining("EMPORIUM_ZIPKIN_HEAP");
  }

  private static SdkTracerProvider provider(String service) {
    return SdkTracerProvider.builder()
        .setResource(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), service)))
        .addSpanProcessor(SimpleSpanProcessor.create(OtlpHttpSpanExporter.builder()
            .setEndpoint(viewer.otlpEndpoint()).build()))
        .build();
  }

  private static JsonNode awaitTrace(String traceId, int spans) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    JsonNode trace = null;
    while (System.nanoTime() < deadline) {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(viewer.zipkinApi().resolve("trace/" + traceId))
          .build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 200) {
        trace = JSON.readTree(response.body());
        if (trace.size() >= spans) {
          return trace;
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("Zipkin has not " + spans + " spans of trace " + traceId + " after 20 s: " + trace);
  }

  private static List<String> services() throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(viewer.zipkinApi().resolve("services")).build(),
        HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(response.body()).valueStream().map(JsonNode::asString).toList();
  }

  private static HttpResponse<String> post(String type, String body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(viewer.otlpEndpoint())).header("Content-Type", type)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
