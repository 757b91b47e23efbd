package dev.emporium.gateway.observe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.gateway.testing.GatewayHarness;
import dev.emporium.gateway.testing.Metrics;
import dev.emporium.gateway.testing.RecordedRequest;
import dev.emporium.gateway.testing.RecordingSpanExporter;
import dev.emporium.gateway.testing.TestUpstream;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Metrics, access log and traces, as an operator and a tracing backend see them. */
class ObservabilityIT {

  static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
  static final String CLIENT_SPAN_ID = "b7ad6b7169203331";

  static TestUpstream upstream;
  static GatewayHarness gateway;
  static final RecordingSpanExporter spans = new RecordingSpanExporter();
  /** Requests to /api/flaky/N fail with 503 on their first attempt. */
  static final AtomicInteger flakySeen = new AtomicInteger();

  @BeforeAll
  static void start() {
    upstream = TestUpstream.start(request -> {
      if (request.path().startsWith("/api/flaky") && flakySeen.incrementAndGet() % 2 == 1) {
        request.response().setStatusCode(503).end();
      } else {
        TestUpstream.echo(request);
      }
    });
    gateway = GatewayHarness.start("""
        routes:
          - name: api
            match:
              path: /api/**
            cluster: svc
          - name: down
            match:
              path: /down/**
            cluster: nowhere
        clusters:
          - name: svc
            endpoints:
              - address: %s
            retry:
              backoff: 10ms
          - name: nowhere
            endpoints:
              - address: 127.0.0.1:1
            retry:
              retries: 0
        """.formatted(upstream.address()), options -> options.withSpanExporter(spans));
  }

  @AfterAll
  static void stop() {
    gateway.close();
    upstream.close();
  }

  private static JsonObject accessLine(String requestId) {
    JsonObject[] found = new JsonObject[1];
    TestUpstream.await(Duration.ofSeconds(5), () -> {
      try {
        if (!Files.exists(gateway.accessLog())) return false;
        for (String line : Files.readAllLines(gateway.accessLog())) {
          JsonObject json = new JsonObject(line);
          if (requestId.equals(json.getString("requestId"))) found[0] = json;
        }
        return found[0] != null;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, "the access log line of " + requestId);
    return found[0];
  }

  private static String[] traceparent(RecordedRequest received) {
    String header = received.header("traceparent");
    assertThat(header).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
    return header.split("-");
  }

  @Test
  void requestMetricsCountByRouteClusterAndStatusClass() {
    for (int i = 0; i < 3; i++) gateway.get("/api/metrics-" + i);
    gateway.get("/down/x");

    String scrape = Metrics.scrape(gateway);
    assertThat(Metrics.value(scrape, "gateway_requests_seconds_count", "route", "api", "cluster", "svc",
        "status_class", "2xx")).isGreaterThanOrEqualTo(3.0);
    assertThat(Metrics.value(scrape, "gateway_requests_seconds_count", "route", "down", "cluster", "nowhere",
        "status_class", "5xx")).isGreaterThanOrEqualTo(1.0);
    assertThat(Metrics.value(scrape, "gateway_requests_seconds_bucket", "route", "api", "status_class", "2xx",
        "le", "10.0")).isGreaterThanOrEqualTo(3.0);
    assertThat(Metrics.value(scrape, "gateway_upstream_attempts_total", "cluster", "svc", "outcome", "responded"))
        .isGreaterThanOrEqualTo(3.0);
    assertThat(Metrics.value(scrape, "gateway_upstream_attempts_total", "cluster", "nowhere",
        "outcome", "connect_failure")).isGreaterThanOrEqualTo(1.0);
    assertThat(Metrics.value(scrape, "gateway_upstream_response_time_seconds_count", "cluster", "svc"))
        .isGreaterThanOrEqualTo(3.0);
  }

  @Test
  void connectionEndpointAndBreakerGaugesArePublished() {
    gateway.get("/api/gauges");
    // The endpoint's request ends, and its bulkhead permit is given back, when the response's last
    // write completes, which the client can see a moment before the gateway does: wait for both
    // gauges to settle, then read the rest.
    String scrape = Metrics.scrape(gateway);
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
    while ((Metrics.value(scrape, "gateway_endpoint_requests_active", "cluster", "svc") != 0.0
        || Metrics.value(scrape, "gateway_bulkhead_available", "cluster", "svc") != 1024.0)
        && System.nanoTime() < deadline) {
      scrape = Metrics.scrape(gateway);
    }

    assertThat(Metrics.value(scrape, "gateway_connections_active", "listener", "public")).isGreaterThanOrEqualTo(1.0);
    assertThat(Metrics.value(scrape, "gateway_connections_opened_total", "listener", "public"))
        .isGreaterThanOrEqualTo(1.0);
    assertThat(Metrics.value(scrape, "gateway_endpoint_healthy", "cluster", "svc", "endpoint", upstream.address()))
        .isEqualTo(1.0);
    assertThat(Metrics.value(scrape, "gateway_endpoint_ejected", "cluster", "svc", "endpoint", upstream.address()))
        .isEqualTo(0.0);
    assertThat(Metrics.value(scrape, "gateway_endpoint_requests_active", "cluster", "svc")).isEqualTo(0.0);
    assertThat(Metrics.value(scrape, "gateway_circuit_breaker_state", "cluster", "svc", "state", "closed"))
        .isEqualTo(1.0);
    assertThat(Metrics.value(scrape, "gateway_circuit_breaker_state", "cluster", "svc", "state", "open"))
        .isEqualTo(0.0);
    assertThat(Metrics.value(scrape, "gateway_bulkhead_available", "cluster", "svc")).isEqualTo(1024.0);
    assertThat(Metrics.value(scrape, "gateway_access_log_dropped")).isEqualTo(0.0);
  }

  @Test
  void accessLogLinesAreJsonWithTheRequestsStory() {
    gateway.get("/api/logged?q=1", "X-Request-Id", "log-test-1");
    JsonObject line = accessLine("log-test-1");

    assertThat(Instant.parse(line.getString("time"))).isBefore(Instant.now().plusSeconds(1));
    assertThat(line.getString("traceId")).matches("[0-9a-f]{32}");
    assertThat(line.getString("method")).isEqualTo("GET");
    assertThat(line.getString("path")).isEqualTo("/api/logged");
    assertThat(line.getString("route")).isEqualTo("api");
    assertThat(line.getString("cluster")).isEqualTo("svc");
    assertThat(line.getString("endpoint")).isEqualTo(upstream.address());
    assertThat(line.getInteger("status")).isEqualTo(200);
    assertThat(line.getLong("bytesIn")).isZero();
    assertThat(line.getLong("bytesOut")).isPositive();
    assertThat(line.getDouble("durationMs")).isPositive();
    assertThat(line.getDouble("upstreamMs")).isPositive().isLessThanOrEqualTo(line.getDouble("durationMs"));
    assertThat(line.getString("client")).isEqualTo("127.0.0.1");
    assertThat(line.getString("protocol")).isEqualTo("http/1.1");
  }

  @Test
  void accessLogNamesTheErrorOfAFailedRequest() {
    gateway.get("/down/x", "X-Request-Id", "log-test-failed");
    JsonObject line = accessLine("log-test-failed");

    assertThat(line.getInteger("status")).isEqualTo(502);
    assertThat(line.getString("error")).isEqualTo("upstream-unreachable");
    assertThat(line.getString("passport")).contains("attempt-failed");
  }

  @Test
  void continuesTheClientsTraceAndSendsItsOwnSpanUpstream() {
    upstream.drain();
    gateway.get("/api/traced", "traceparent", "00-" + TRACE_ID + "-" + CLIENT_SPAN_ID + "-01", "X-Request-Id",
        "trace-test-1");
    String[] upstreamParent = traceparent(upstream.take());

    assertThat(upstreamParent[1]).isEqualTo(TRACE_ID);
    assertThat(upstreamParent[2]).isNotEqualTo(CLIENT_SPAN_ID);
    assertThat(upstreamParent[3]).isEqualTo("01");
    assertThat(accessLine("trace-test-1").getString("traceId")).isEqualTo(TRACE_ID);

    TestUpstream.await(Duration.ofSeconds(5), () -> spans.trace(TRACE_ID).size() == 2, "two spans in the trace");
    SpanData server = spans.trace(TRACE_ID).stream().filter(s -> s.getKind() == SpanKind.SERVER).findFirst().orElseThrow();
    SpanData attempt = spans.trace(TRACE_ID).stream().filter(s -> s.getKind() == SpanKind.CLIENT).findFirst().orElseThrow();
    assertThat(server.getParentSpanId()).isEqualTo(CLIENT_SPAN_ID);
    assertThat(server.getName()).isEqualTo("GET api");
    assertThat(server.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(200L);
    assertThat(attempt.getParentSpanId()).isEqualTo(server.getSpanId());
    assertThat(attempt.getSpanId()).isEqualTo(upstreamParent[2]);
    assertThat(attempt.getAttributes().get(AttributeKey.stringKey("emporium.cluster"))).isEqualTo("svc");
  }

  @Test
  void requestsNoRouteTakesAreTracedAndLoggedToo() {
    String traceId = "5bf92f3577b34da6a3ce929d0e0e4737";
    assertThat(gateway.get("/nowhere", "traceparent", "00-" + traceId + "-00f067aa0ba902b8-01", "X-Request-Id",
        "trace-test-404").statusCode()).isEqualTo(404);

    assertThat(accessLine("trace-test-404").getString("traceId")).isEqualTo(traceId);
    TestUpstream.await(Duration.ofSeconds(5), () -> spans.trace(traceId).size() == 1, "the request's span");
    SpanData server = spans.trace(traceId).get(0);
    assertThat(server.getKind()).isEqualTo(SpanKind.SERVER);
    assertThat(server.getName()).isEqualTo("GET");
    assertThat(server.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(404L);
  }

  @Test
  void startsATraceWhenTheClientSendsNone() {
    upstream.drain();
    gateway.get("/api/untraced", "X-Request-Id", "trace-test-2");
    String[] upstreamParent = traceparent(upstream.take());

    assertThat(accessLine("trace-test-2").getString("traceId")).isEqualTo(upstreamParent[1]);
  }

  @Test
  void eachRetryIsAChildSpanOfItsOwn() {
    String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    upstream.drain();
    flakySeen.set(0);
    assertThat(gateway.get("/api/flaky/1", "traceparent", "00-" + traceId + "-00f067aa0ba902b7-01").statusCode())
        .isEqualTo(200);
    List<RecordedRequest> received = List.of(upstream.take(), upstream.take());
    String[] first = traceparent(received.get(0));
    String[] second = traceparent(received.get(1));

    assertThat(first[1]).isEqualTo(traceId);
    assertThat(second[1]).isEqualTo(traceId);
    assertThat(first[2]).isNotEqualTo(second[2]);

    TestUpstream.await(Duration.ofSeconds(5), () -> spans.trace(traceId).size() == 3, "three spans in the trace");
    SpanData server = spans.trace(traceId).stream().filter(s -> s.getKind() == SpanKind.SERVER).findFirst().orElseThrow();
    List<SpanData> attempts = spans.trace(traceId).stream().filter(s -> s.getKind() == SpanKind.CLIENT)
        .sorted(Comparator.comparing(SpanData::getStartEpochNanos)).toList();
    assertThat(attempts).extracting(SpanData::getParentSpanId).containsOnly(server.getSpanId());
    assertThat(attempts).extracting(SpanData::getSpanId).containsExactly(first[2], second[2]);
    assertThat(attempts).extracting(s -> s.getAttributes().get(AttributeKey.longKey("http.request.resend_count")))
        .containsExactly(0L, 1L);
    assertThat(attempts.get(0).getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(503L);
  }
}
