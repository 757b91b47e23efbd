package dev.emporium.gateway.observe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.gateway.config.TracingConfig;
import io.opentelemetry.api.trace.Span;
import io.vertx.core.MultiMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** With no exporter nothing is recorded, yet the trace travels on unchanged in every other way. */
class TracingWithoutExporterTest {

  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private Tracing tracing;

  private Tracing tracing(double ratio) {
    tracing = Tracing.create(new TracingConfig("none", null, null, ratio));
    return tracing;
  }

  @AfterEach
  void close() {
    if (tracing != null) tracing.close();
  }

  private static MultiMap headers(String traceparent) {
    MultiMap h = MultiMap.caseInsensitiveMultiMap();
    if (traceparent != null) h.set("traceparent", traceparent);
    return h;
  }

  @Test
  void continuesTheClientsTraceWithNewSpanIdsAndItsSampledFlag() {
    Tracing t = tracing(0.0);
    Span request = t.startRequest(headers("00-" + TRACE + "-00f067aa0ba902b7-01"), "GET", "/x", "127.0.0.1", "r1");
    MultiMap upstream = MultiMap.caseInsensitiveMultiMap();
    Span attempt = t.startAttempt(request, "GET", "c", "127.0.0.1", 80, 1, upstream);
    assertThat(request.isRecording()).isFalse();
    assertThat(Tracing.traceId(request)).isEqualTo(TRACE);
    String sent = upstream.get("traceparent");
    assertThat(sent).startsWith("00-" + TRACE + "-").endsWith("-01");
    assertThat(sent).doesNotContain("00f067aa0ba902b7").doesNotContain(request.getSpanContext().getSpanId());
    assertThat(sent).contains(attempt.getSpanContext().getSpanId());
  }

  @Test
  void keepsAnUnsampledClientUnsampled() {
    Tracing t = tracing(1.0);
    Span request = t.startRequest(headers("00-" + TRACE + "-00f067aa0ba902b7-00"), "GET", "/x", "127.0.0.1", "r1");
    MultiMap upstream = MultiMap.caseInsensitiveMultiMap();
    t.startAttempt(request, "GET", "c", "127.0.0.1", 80, 1, upstream);
    assertThat(upstream.get("traceparent")).endsWith("-00");
  }

  @Test
  void startsANewTraceSampledAtTheConfiguredRatio() {
    Tracing always = tracing(1.0);
    MultiMap upstream = MultiMap.caseInsensitiveMultiMap();
    Span request = always.startRequest(headers(null), "GET", "/x", "127.0.0.1", "r1");
    always.startAttempt(request, "GET", "c", "127.0.0.1", 80, 1, upstream);
    assertThat(Tracing.traceId(request)).matches("[0-9a-f]{32}");
    assertThat(upstream.get("traceparent")).startsWith("00-" + Tracing.traceId(request)).endsWith("-01");
    always.close();
    Tracing never = tracing(0.0);
    MultiMap quiet = MultiMap.caseInsensitiveMultiMap();
    never.startAttempt(never.startRequest(headers(null), "GET", "/x", "127.0.0.1", "r2"), "GET", "c", "h", 80, 1, quiet);
    assertThat(quiet.get("traceparent")).endsWith("-00");
  }
}
