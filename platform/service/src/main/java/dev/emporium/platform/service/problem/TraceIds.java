package dev.emporium.platform.service.problem;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.util.function.SingletonSupplier;

/**
 * Finds the trace id of the request being answered, so that a problem names the trace a support
 * engineer should look up. The id is remembered on the request by {@link TraceIdFilter} because an
 * error dispatch (/error) may run after the request's span was closed.
 */
public final class TraceIds {

  static final String ATTRIBUTE = TraceIds.class.getName() + ".traceId";

  /** Looked up on first use, then kept: resolving a bean is too dear to do on every request. */
  private final SingletonSupplier<Tracer> tracer;

  public TraceIds(ObjectProvider<Tracer> tracer) {
    this.tracer = SingletonSupplier.of(tracer::getIfAvailable);
  }

  /** The current trace id, or null outside a trace. */
  public @Nullable String current() {
    Tracer t = tracer.get();
    Span span = t == null ? null : t.currentSpan();
    if (span != null) {
      return span.context().traceId();
    }
    return MDC.get("traceId");
  }

  /** The trace id of {@code request}: the one remembered at its start, or the current one. */
  public @Nullable String of(HttpServletRequest request) {
    Object remembered = request.getAttribute(ATTRIBUTE);
    return remembered instanceof String id ? id : current();
  }

  void remember(HttpServletRequest request) {
    String id = current();
    if (id != null) {
      request.setAttribute(ATTRIBUTE, id);
    }
  }
}
