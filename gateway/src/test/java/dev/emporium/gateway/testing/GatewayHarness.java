package dev.emporium.gateway.testing;

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
import java.util.function.UnaryOperator;

/**
 * A real gateway for a test: its configuration is written to a temporary file (so reload tests can
 * rewrite it), it listens on free loopback ports, and its access log goes to a file the test can
 * read. Unless the YAML brings its own, a standard preamble supplies listener, admin and log.
 */
public final class GatewayHarness implements AutoCloseable {

  public static final String ADMIN_TOKEN = "test-admin-token-0123456789";

  static {
    // Lets tests set Host, Connection and similar headers through the JDK client.
    System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host,connection,content-length,expect,upgrade");
  }

  private final Path dir;
  private final Path configFile;
  private final Gateway gateway;
  private final HttpClient client;

  private GatewayHarness(Path dir, Path configFile, Gateway gateway) {
    this.dir = dir;
    this.configFile = configFile;
    this.gateway = gateway;
    this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
  }

  public static GatewayHarness start(String yaml) {
    return start(yaml, options -> options);
  }

  public static GatewayHarness start(String yaml, UnaryOperator<GatewayOptions> customize) {
    Path dir;
    try {
      dir = Files.createTempDirectory("emporium-gateway-test");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      Path file = dir.resolve("gateway.yaml");
      Files.writeString(file, withPreamble(yaml, dir));
      Gateway gateway = Gateway.start(customize.apply(GatewayOptions.of(file)));
      return new GatewayHarness(dir, file, gateway);
    } catch (IOException e) {
      deleteTree(dir);
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      deleteTree(dir);
      throw e;
    }
  }

  /** The standard preamble for a YAML body that has only routes and clusters. */
  public static String withPreamble(String yaml, Path dir) {
    StringBuilder sb = new StringBuilder();
    if (!yaml.contains("listeners:")) {
      sb.append("""
          listeners:
            - name: public
              host: 127.0.0.1
              port: 0
          """);
    }
    if (!yaml.contains("admin:")) {
      sb.append("admin:\n  host: 127.0.0.1\n  port: 0\n  token: ").append(ADMIN_TOKEN).append('\n');
    }
    if (!yaml.contains("accessLog:")) {
      sb.append("accessLog:\n  output: ").append(dir.resolve("access.log")).append("\n  passport: always\n");
    }
    if (!yaml.contains("server:")) {
      sb.append("server:\n  eventLoops: 2\n  watchConfig: false\n  drainTimeout: 5s\n");
    }
    return sb.append(yaml).toString();
  }

  public Gateway gateway() {
    return gateway;
  }

  public int port() {
    return gateway.port("public");
  }

  public String url(String path) {
    return "http://127.0.0.1:" + port() + path;
  }

  public String adminUrl(String path) {
    return "http://127.0.0.1:" + gateway.adminPort() + path;
  }

  public Path configFile() {
    return configFile;
  }

  public Path accessLog() {
    return dir.resolve("access.log");
  }

  /** Replaces the configuration file's contents (with the same preamble rules). */
  public void writeConfig(String yaml) {
    try {
      Files.writeString(configFile, withPreamble(yaml, dir));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public HttpClient client() {
    return client;
  }

  public HttpResponse<String> get(String path, String... headers) {
    return send(HttpRequest.newBuilder(URI.create(url(path))).GET(), headers);
  }

  public HttpResponse<String> send(HttpRequest.Builder builder, String... headers) {
    for (int i = 0; i + 1 < headers.length; i += 2) builder.header(headers[i], headers[i + 1]);
    try {
      return client.send(builder.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpResponse<String> admin(String method, String path, boolean withToken) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(adminUrl(path)))
        .method(method, HttpRequest.BodyPublishers.noBody());
    if (withToken) builder.header("Authorization", "Bearer " + ADMIN_TOKEN);
    return send(builder);
  }

  @Override
  public void close() {
    try {
      gateway.shutdown();
    } finally {
      deleteTree(dir);
    }
  }

  private static void deleteTree(Path root) {
    try (var paths = Files.walk(root)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // Best effort: a temp directory left behind is harmless.
    }
  }
}
