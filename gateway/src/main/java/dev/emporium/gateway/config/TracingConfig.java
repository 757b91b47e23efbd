package dev.emporium.gateway.config;

/**
 * OpenTelemetry tracing. W3C {@code traceparent} is accepted and propagated whatever the exporter.
 *
 * @param exporter {@code none}, {@code otlp} (OTLP over HTTP) or {@code logging}
 * @param endpoint OTLP traces endpoint, default {@code http://127.0.0.1:4318/v1/traces}
 * @param serviceName the {@code service.name} resource attribute
 * @param sampleRatio share of new traces recorded, 0.0 to 1.0; a sampled parent is always followed
 */
public record TracingConfig(String exporter, String endpoint, String serviceName, Double sampleRatio) {

  public static final TracingConfig DEFAULTS = new TracingConfig(null, null, null, null);

  public TracingConfig {
    exporter = exporter == null ? "none" : exporter;
    endpoint = endpoint == null ? "http://127.0.0.1:4318/v1/traces" : endpoint;
    serviceName = serviceName == null ? "emporium-gateway" : serviceName;
    sampleRatio = sampleRatio == null ? 1.0 : sampleRatio;
  }
}
