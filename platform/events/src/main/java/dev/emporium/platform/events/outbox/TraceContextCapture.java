package dev.emporium.platform.events.outbox;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The W3C trace context ({@code traceparent}, {@code tracestate}) of the code writing an event. It
 * is stored with the outbox row and published as Kafka headers, so the consumer's span continues
 * the trace of the request that caused the event, not the relay's.
 */
final class TraceContextCapture {

  private final ObjectProvider<Tracer> tracer;
  private final ObjectProvider<Propagator> propagator;

  TraceContextCapture(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
    this.tracer = tracer;
    this.propagator = propagator;
  }

  Map<String, String> current() {
    Tracer t = tracer.getIfAvailable();
    Propagator p = propagator.getIfAvailable();
    Span span = t == null ? null : t.currentSpan();
    if (span == null || p == null) {
      return Map.of();
    }
    Map<String, String> headers = new LinkedHashMap<>();
    p.inject(span.context(), headers, (carrier, name, value) -> carrier.put(name, value));
    return headers;
  }
}
