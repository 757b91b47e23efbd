package dev.emporium.deploy.observability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A service's runnable jar started as a process of its own (the deploy module copies the jars to
 * {@code emporium.services.dir}), with Spring properties on its command line and its output in
 * {@code target/service-logs/<name>.log}.
 */
final class ServiceProcess implements AutoCloseable {

  private static final Duration READY_WITHIN = Duration.ofSeconds(180);
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final int port;
  private final Process process;
  private final Path log;

  private ServiceProcess(String name, int port, Process process, Path log) {
    this.name = name;
    this.port = port;
    this.process = process;
    this.log = log;
  }

  /** Starts {@code <name>.jar} on a free port with these properties and waits until it is ready. */
  static ServiceProcess start(String name, Map<String, String> properties) {
    Path jar = Path.of(System.getProperty("emporium.services.dir", "target/services")).resolve(name + ".jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: the deploy module copies it in pre-integration-test "
          + "(run mvn verify, not the test alone)");
    }
    int port = freePort();
    List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
        "-Xmx384m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "--server.port=" + port,
        "--server.address=127.0.0.1"));
    properties.forEach((key, value) -> command.add("--" + key + "=" + value));
    try {
      Path logs = Files.createDirectories(Path.of("target/service-logs"));
      Path log = logs.resolve(name + ".log");
      Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      ServiceProcess service = new ServiceProcess(name, port, process, log);
      service.awaitReady();
      return service;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + READY_WITHIN.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited with " + process.exitValue() + " before it was ready; see " + log);
      }
      try {
        if (get("/health/ready").statusCode() == 200) return;
      } catch (UncheckedIOException notYet) {
        // not listening yet
      }
      sleep(500);
    }
    close();
    throw new IllegalStateException(name + " was not ready within " + READY_WITHIN.toSeconds() + " s; see " + log);
  }

  HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(URI.create(url(path))).GET());
  }

  HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return CLIENT.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** {@code GET /metrics}, as Prometheus scrapes it. */
  Exposition scrape() {
    HttpResponse<String> response = get("/metrics");
    if (response.statusCode() != 200) {
      throw new IllegalStateException(name + " answered " + response.statusCode() + " to GET /metrics");
    }
    return Exposition.parse(response.body());
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
