package dev.emporium.gateway.observe;

import dev.emporium.gateway.config.TracingConfig;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.trace.IdGenerator;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import java.util.List;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.opentelemetry.exporter.logging.LoggingSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.vertx.core.MultiMap;
import java.util.concurrent.TimeUnit;

/**
 * OpenTelemetry for the gateway: a server span per request, continuing the client's W3C trace
 * when it sent one, and a client span per upstream attempt whose context goes upstream in
 * {@code traceparent}. Spans are always made, so every request has a trace id for its log line;
 * whether they are exported depends on the configured exporter.
 */
public final class Tracing implements AutoCloseable {

  private static final AttributeKey<String> HTTP_METHOD = AttributeKey.stringKey("http.request.method");
  private static final AttributeKey<String> URL_PATH = AttributeKey.stringKey("url.path");
  private static final AttributeKey<String> HTTP_ROUTE = AttributeKey.stringKey("http.route");
  private static final AttributeKey<Long> HTTP_STATUS = AttributeKey.longKey("http.response.status_code");
  private static final AttributeKey<String> CLIENT_ADDRESS = AttributeKey.stringKey("client.address");
  private static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
  private static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
  private static final AttributeKey<String> CLUSTER = AttributeKey.stringKey("emporium.cluster");
  private static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("http.request.resend_count");
  private static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("emporium.request_id");

  private static final TextMapGetter<MultiMap> GETTER = new TextMapGetter<>() {
    @Override
    public Iterable<String> keys(MultiMap carrier) {
      return carrier.names();
    }

    @Override
    public String get(MultiMap carrier, String key) {
      return carrier == null ? null : carrier.get(key);
    }
  };

  private static final TextMapSetter<MultiMap> SETTER = (carrier, key, value) -> {
    if (carrier != null) carrier.set(key, value);
  };

  private final SdkTracerProvider provider;
  private final Tracer tracer;
  private final TextMapPropagator propagator = W3CTraceContextPropagator.getInstance();
  /** False when no exporter will ever see a span: then spans are only contexts, never recorded. */
  private final boolean recording;
  private final Sampler rootSampler;
  private final IdGenerator ids = IdGenerator.random();

  private Tracing(SdkTracerProvider provider, boolean recording, Sampler rootSampler) {
    this.provider = provider;
    this.tracer = provider.get("dev.emporium.gateway");
    this.recording = recording;
    this.rootSampler = rootSampler;
  }

  public static Tracing create(TracingConfig config) {
    return create(config, null);
  }

  /** @param extra an embedder's exporter that also gets every span as it ends, or null */
  public static Tracing create(TracingConfig config, SpanExporter extra) {
    Sampler rootSampler = Sampler.traceIdRatioBased(config.sampleRatio());
    SdkTracerProviderBuilder builder = SdkTracerProvider.builder()
        .setResource(Resource.getDefault().merge(Resource.create(
            Attributes.of(AttributeKey.stringKey("service.name"), config.serviceName()))))
        .setSampler(Sampler.parentBased(rootSampler));
    SpanExporter exporter = switch (config.exporter()) {
      case "otlp" -> OtlpHttpSpanExporter.builder().setEndpoint(config.endpoint()).build();
      case "logging" -> LoggingSpanExporter.create();
      default -> null;
    };
    if (exporter != null) builder.addSpanProcessor(BatchSpanProcessor.builder(exporter).build());
    if (extra != null) builder.addSpanProcessor(SimpleSpanProcessor.create(extra));
    return new Tracing(builder.build(), exporter != null || extra != null, rootSampler);
  }

  /** The server span of a request, child of the client's trace when {@code headers} carry one. */
  public Span startRequest(MultiMap headers, String method, String path, String clientAddress, String requestId) {
    Context parent = propagator.extract(Context.root(), headers, GETTER);
    if (!recording) return contextOnly(Span.fromContext(parent).getSpanContext(), method, SpanKind.SERVER);
    return tracer.spanBuilder(method)
        .setParent(parent)
        .setSpanKind(SpanKind.SERVER)
        .setAttribute(HTTP_METHOD, method)
        .setAttribute(URL_PATH, path)
        .setAttribute(CLIENT_ADDRESS, clientAddress)
        .setAttribute(REQUEST_ID, requestId)
        .startSpan();
  }

  /** Names the request's span after its route, and records the path as normalized for matching. */
  public void routed(Span request, String route, String method, String normalizedPath) {
    request.setAttribute(HTTP_ROUTE, route);
    request.setAttribute(URL_PATH, normalizedPath);
    request.updateName(method + " " + route);
  }

  /** A client span for one upstream attempt; its context is injected into {@code upstreamHeaders}. */
  public Span startAttempt(Span request, String method, String cluster, String host, int port, int attempt,
      MultiMap upstreamHeaders) {
    if (!recording) {
      Span span = contextOnly(request.getSpanContext(), method, SpanKind.CLIENT);
      propagator.inject(Context.root().with(span), upstreamHeaders, SETTER);
      return span;
    }
    Span span = tracer.spanBuilder(method)
        .setParent(Context.root().with(request))
        .setSpanKind(SpanKind.CLIENT)
        .setAttribute(HTTP_METHOD, method)
        .setAttribute(CLUSTER, cluster)
        .setAttribute(SERVER_ADDRESS, host)
        .setAttribute(SERVER_PORT, (long) port)
        .setAttribute(ATTEMPT, (long) attempt - 1)
        .startSpan();
    propagator.inject(Context.root().with(span), upstreamHeaders, SETTER);
    return span;
  }

  /**
   * A span that is only a context: a fresh span id in the parent's trace (or a new trace sampled at
   * the configured ratio), with the parent's sampled flag, so that services behind the gateway keep
   * the client's decision even though nothing here records. Attributes and end cost nothing.
   */
  private Span contextOnly(SpanContext parent, String name, SpanKind kind) {
    if (parent.isValid()) {
      return Span.wrap(SpanContext.create(parent.getTraceId(), ids.generateSpanId(), parent.getTraceFlags(),
          parent.getTraceState()));
    }
    String traceId = ids.generateTraceId();
    boolean sampled = rootSampler.shouldSample(Context.root(), traceId, name, kind, Attributes.empty(), List.of())
        .getDecision() == SamplingDecision.RECORD_AND_SAMPLE;
    return Span.wrap(SpanContext.create(traceId, ids.generateSpanId(),
        sampled ? TraceFlags.getSampled() : TraceFlags.getDefault(), TraceState.getDefault()));
  }

  /** Puts the request span's own context upstream, for requests that make no attempt span. */
  public void inject(Span span, MultiMap upstreamHeaders) {
    propagator.inject(Context.root().with(span), upstreamHeaders, SETTER);
  }

  public static void end(Span span, int status, String error) {
    if (span == null) return;
    if (status > 0) span.setAttribute(HTTP_STATUS, (long) status);
    if (error != null) {
      span.setStatus(StatusCode.ERROR, error);
    } else if (status >= 500) {
      span.setStatus(StatusCode.ERROR);
    }
    span.end();
  }

  public static String traceId(Span span) {
    return span == null || !span.getSpanContext().isValid() ? null : span.getSpanContext().getTraceId();
  }

  @Override
  public void close() {
    provider.shutdown().join(5, TimeUnit.SECONDS);
  }
}
