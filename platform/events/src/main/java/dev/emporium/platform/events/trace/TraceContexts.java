package dev.emporium.platform.events.trace;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.util.function.SingletonSupplier;

/**
 * The W3C trace context ({@code traceparent}, {@code tracestate}) of work a service stores to do
 * later. The outbox keeps it with each event, so the consumer's span continues the trace of the
 * request that caused the event, not the relay's; a service that stores a task for a background
 * worker keeps it with the task, and the worker {@linkplain #continueTrace continues} that trace,
 * so the events the task then writes still belong to it.
 *
 * <p>Without a tracer (a service or test that has none) contexts are empty and work just runs.
 */
public final class TraceContexts {

  /** Looked up on first use, then kept: resolving a bean is too dear to do for every event. */
  private final SingletonSupplier<Tracer> tracer;
  private final SingletonSupplier<Propagator> propagator;

  public TraceContexts(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
    this.tracer = SingletonSupplier.of(tracer::getIfAvailable);
    this.propagator = SingletonSupplier.of(propagator::getIfAvailable);
  }

  /** The current span's context as W3C headers; empty when no span is current. */
  public Map<String, String> current() {
    Tracer t = tracer.get();
    Propagator p = propagator.get();
    Span span = t == null ? null : t.currentSpan();
    if (span == null || p == null) {
      return Map.of();
    }
    Map<String, String> headers = new LinkedHashMap<>();
    p.inject(span.context(), headers, (carrier, name, value) -> carrier.put(name, value));
    return headers;
  }

  /**
   * Runs {@code work} in a span named {@code spanName}, a child of {@code context} (from
   * {@link #current()}, stored with the work), or the root of a new trace when it is empty. The
   * span is current while the work runs, so the spans and events it makes belong to the same trace.
   */
  public <T> T continueTrace(Map<String, String> context, String spanName, Supplier<T> work) {
    Tracer t = tracer.get();
    Propagator p = propagator.get();
    if (t == null || p == null) {
      return work.get();
    }
    Span span = (context.isEmpty() ? t.spanBuilder().setNoParent() : p.extract(context, (carrier, name) -> carrier.get(name)))
        .name(spanName).start();
    try (Tracer.SpanInScope scope = t.withSpan(span)) {
      return work.get();
    } catch (RuntimeException | Error e) {
      span.error(e);
      throw e;
    } finally {
      span.end();
    }
  }

  /** {@link #continueTrace(Map, String, Supplier)} for work without a result. */
  public void continueTrace(Map<String, String> context, String spanName, Runnable work) {
    continueTrace(context, spanName, () -> {
      work.run();
      return null;
    });
  }
}
