package dev.emporium.launcher.tracing;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What {@code emporium up --tracing} adds: Zipkin as a child process, the OTLP receiver that feeds
 * it, and the settings that make every service and the gateway record every trace and export it
 * there. Closing it stops both; the traces are kept in Zipkin's memory only.
 */
public final class TraceViewer implements AutoCloseable {

  private final ZipkinServer zipkin;
  private final OtlpReceiver receiver;

  private TraceViewer(ZipkinServer zipkin, OtlpReceiver receiver) {
    this.zipkin = zipkin;
    this.receiver = receiver;
  }

  /**
   * Starts Zipkin (fetching its jar into {@code directory} on first use, unless the settings name
   * one) and the receiver, and returns once Zipkin answers.
   *
   * @param directory where the jar and Zipkin's log live ({@code $EMPORIUM_DATA/tracing})
   */
  public static TraceViewer start(TracingSettings settings, Path directory, Consumer<String> progress) {
    Path jar = settings.zipkinJar().orElseGet(() -> ZipkinJar.inDirectory(directory, progress));
    ZipkinServer zipkin = ZipkinServer.start(jar, settings.zipkinPort(), settings.maxSpans(), settings.heap(),
        directory.resolve("zipkin.log"));
    try {
      return new TraceViewer(zipkin, OtlpReceiver.start(settings.otlpPort(), zipkin.spansEndpoint(),
          settings.maxRequestBytes()));
    } catch (RuntimeException e) {
      zipkin.close();
      throw e;
    }
  }

  /** Zipkin's UI. */
  public String zipkinUrl() {
    return zipkin.url();
  }

  /** Zipkin's query API, e.g. {@code trace/{traceId}} under it. */
  public URI zipkinApi() {
    return URI.create("http://127.0.0.1:" + zipkin.port() + "/api/v2/");
  }

  /** Where OTLP exporters send spans. */
  public String otlpEndpoint() {
    return receiver.endpoint();
  }

  /** Settings for every service: all traces recorded (not the default 10 %), exported within a second. */
  public Map<String, String> serviceSettings() {
    return Map.of(
        "management.opentelemetry.tracing.export.otlp.endpoint", otlpEndpoint(),
        "management.tracing.sampling.probability", "1.0",
        "management.opentelemetry.tracing.export.schedule-delay", "1s");
  }

  /** The variables gateway/examples/platform.yaml reads for its {@code tracing} section. */
  public Map<String, String> gatewayEnvironment() {
    return Map.of(
        "EMPORIUM_TRACING_EXPORTER", "otlp",
        "EMPORIUM_TRACING_ENDPOINT", otlpEndpoint(),
        "EMPORIUM_TRACING_SAMPLE_RATIO", "1.0");
  }

  @Override
  public void close() {
    receiver.close();
    zipkin.close();
  }
}
