package dev.emporium.launcher.tracing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Zipkin server (the exec jar from Maven Central) as a child process on 127.0.0.1, keeping spans
 * in memory. It runs on the JDK that runs the launcher; its log goes to a file beside the data.
 */
public final class ZipkinServer implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  private final Process process;
  private final int port;

  private ZipkinServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Starts Zipkin and returns once it answers {@code /health}.
   *
   * @throws IllegalStateException when the port is taken, or Zipkin exits or is not up within 90 s
   */
  public static ZipkinServer start(Path jar, int port, int maxSpans, String heap, Path log) {
    requireFree(port);
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder builder = new ProcessBuilder(List.of(java.toString(), "-Xmx" + heap, "-XX:+UseSerialGC",
        "--enable-native-access=ALL-UNNAMED", "-jar", jar.toAbsolutePath().toString(),
        // Loopback only: Zipkin's API has no authentication.
        "--armeria.ports[0].ip=127.0.0.1", "--armeria.ports[0].port=" + port, "--armeria.ports[0].protocols[0]=http"))
        .redirectErrorStream(true);
    builder.environment().put("STORAGE_TYPE", "mem");
    builder.environment().put("MEM_MAX_SPANS", String.valueOf(maxSpans));
    Process process;
    try {
      Files.createDirectories(log.toAbsolutePath().getParent());
      process = builder.redirectOutput(log.toFile()).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start Zipkin (" + jar + "): " + e.getMessage(), e);
    }
    ZipkinServer server = new ZipkinServer(process, port);
    try {
      server.awaitHealthy(log);
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  public int port() {
    return port;
  }

  /** Zipkin's UI. */
  public String url() {
    return "http://127.0.0.1:" + port + "/zipkin/";
  }

  /** Where Zipkin takes spans in its own JSON format. */
  public URI spansEndpoint() {
    return URI.create("http://127.0.0.1:" + port + "/api/v2/spans");
  }

  private void awaitHealthy(Path log) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
        .timeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Zipkin exited with " + process.exitValue() + " while starting; see " + log);
      }
      try {
        if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for Zipkin", e);
      }
      sleep(Duration.ofMillis(200));
    }
    throw new IllegalStateException("Zipkin did not answer on port " + port + " within " + START_TIMEOUT.toSeconds()
        + " s; see " + log);
  }

  private static void requireFree(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
    } catch (IOException e) {
      throw new IllegalStateException("port " + port + " for Zipkin is in use (set EMPORIUM_ZIPKIN_PORT): "
          + e.getMessage());
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Zipkin", e);
    }
  }

  /** Stops Zipkin (SIGTERM, then SIGKILL after 10 s); its spans are gone with it. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
