package dev.emporium.launcher.tracing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * How {@code emporium up --tracing} runs its trace viewer, from environment variables
 * (docs/operations.md).
 *
 * @param zipkinPort where Zipkin serves its UI and API on 127.0.0.1 ({@code EMPORIUM_ZIPKIN_PORT})
 * @param otlpPort where the OTLP receiver takes the services' and the gateway's spans on 127.0.0.1
 *     ({@code EMPORIUM_OTLP_PORT}); 0 picks a free port
 * @param zipkinJar a Zipkin server exec jar to run instead of the one fetched into the data
 *     directory ({@code EMPORIUM_ZIPKIN_JAR})
 * @param maxSpans spans Zipkin keeps in memory, the oldest traces dropped first ({@code EMPORIUM_ZIPKIN_MAX_SPANS})
 * @param heap Zipkin's maximum heap, as for {@code -Xmx} ({@code EMPORIUM_ZIPKIN_HEAP})
 * @param maxRequestBytes the largest OTLP request the receiver reads, compressed or not ({@code EMPORIUM_OTLP_MAX_REQUEST_BYTES})
 */
public record TracingSettings(int zipkinPort, int otlpPort, Optional<Path> zipkinJar, int maxSpans, String heap,
    int maxRequestBytes) {

  public static final int DEFAULT_ZIPKIN_PORT = 9411;
  public static final int DEFAULT_OTLP_PORT = 4318;

  public TracingSettings {
    requirePort("EMPORIUM_ZIPKIN_PORT", zipkinPort, false);
    requirePort("EMPORIUM_OTLP_PORT", otlpPort, true);
    zipkinJar.ifPresent(jar -> {
      if (!Files.isRegularFile(jar)) {
        throw new IllegalArgumentException("EMPORIUM_ZIPKIN_JAR names no file: " + jar);
      }
    });
    if (maxSpans < 1) {
      throw new IllegalArgumentException("EMPORIUM_ZIPKIN_MAX_SPANS must be at least 1, not " + maxSpans);
    }
    if (!heap.matches("[1-9][0-9]*[kKmMgG]?")) {
      throw new IllegalArgumentException("EMPORIUM_ZIPKIN_HEAP must be a size such as 512m or 1g, not '" + heap + "'");
    }
    if (maxRequestBytes < 1024) {
      throw new IllegalArgumentException("EMPORIUM_OTLP_MAX_REQUEST_BYTES must be at least 1024, not " + maxRequestBytes);
    }
  }

  public static TracingSettings fromEnvironment(Map<String, String> env) {
    return new TracingSettings(
        number(env, "EMPORIUM_ZIPKIN_PORT", DEFAULT_ZIPKIN_PORT),
        number(env, "EMPORIUM_OTLP_PORT", DEFAULT_OTLP_PORT),
        Optional.ofNullable(env.get("EMPORIUM_ZIPKIN_JAR")).filter(v -> !v.isBlank()).map(v -> Path.of(v.trim())),
        number(env, "EMPORIUM_ZIPKIN_MAX_SPANS", 100_000),
        env.getOrDefault("EMPORIUM_ZIPKIN_HEAP", "512m").trim(),
        number(env, "EMPORIUM_OTLP_MAX_REQUEST_BYTES", 16 * 1024 * 1024));
  }

  private static void requirePort(String name, int port, boolean zeroAllowed) {
    if (port < (zeroAllowed ? 0 : 1) || port > 65535) {
      throw new IllegalArgumentException(name + " must be a port number (" + (zeroAllowed ? 0 : 1) + "..65535), not "
          + port);
    }
  }

  private static int number(Map<String, String> env, String name, int fallback) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, not '" + value + "'");
    }
  }
}
