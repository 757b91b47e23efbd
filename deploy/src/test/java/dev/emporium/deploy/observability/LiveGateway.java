package dev.emporium.deploy.observability;

import dev.emporium.gateway.Gateway;
import dev.emporium.gateway.GatewayOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/** A real gateway started in this JVM from a YAML file, on free loopback ports. */
final class LiveGateway implements AutoCloseable {

  static final String ADMIN_TOKEN = "observability-admin-token-0123456789";

  private final Path dir;
  private final Gateway gateway;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
      .version(HttpClient.Version.HTTP_1_1).build();

  private LiveGateway(Path dir, Gateway gateway) {
    this.dir = dir;
    this.gateway = gateway;
  }

  /** Starts a gateway with {@code routesAndClusters} under a preamble of one listener and the admin port. */
  static LiveGateway start(String routesAndClusters) {
    try {
      Path dir = Files.createTempDirectory("emporium-observability");
      Path file = dir.resolve("gateway.yaml");
      Files.writeString(file, """
          listeners:
            - name: public
              host: 127.0.0.1
              port: 0
          admin:
            host: 127.0.0.1
            port: 0
            token: %s
          accessLog:
            output: %s
          server:
            eventLoops: 1
            watchConfig: false
            drainTimeout: 1s
          """.formatted(ADMIN_TOKEN, dir.resolve("access.log")) + routesAndClusters);
      return new LiveGateway(dir, Gateway.start(GatewayOptions.of(file)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int adminPort() {
    return gateway.adminPort();
  }

  /** A GET on the data port; returns the status. */
  int get(String path) {
    return send("http://127.0.0.1:" + gateway.port("public") + path, null).statusCode();
  }

  /** {@code GET /metrics} from the admin port, as Prometheus scrapes it: without credentials. */
  String scrape() {
    HttpResponse<String> response = send("http://127.0.0.1:" + gateway.adminPort() + "/metrics", null);
    if (response.statusCode() != 200) {
      throw new IllegalStateException("GET /metrics answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  /** A request to the admin port, with the admin token or without it. */
  HttpResponse<String> admin(String method, String path, boolean withToken) {
    return send(method, "http://127.0.0.1:" + gateway.adminPort() + path, withToken ? ADMIN_TOKEN : null);
  }

  HttpResponse<String> send(String url, String bearer) {
    return send("GET", url, bearer);
  }

  HttpResponse<String> send(String method, String url, String bearer) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
        .method(method, HttpRequest.BodyPublishers.noBody());
    if (bearer != null) request.header("Authorization", "Bearer " + bearer);
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    try {
      gateway.shutdown();
    } finally {
      try (Stream<Path> paths = Files.walk(dir)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // A temporary directory left behind is harmless.
      }
    }
  }
}
