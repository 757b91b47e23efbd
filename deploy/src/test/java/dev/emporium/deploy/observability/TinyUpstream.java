package dev.emporium.deploy.observability;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * The service behind the gateway in the scrape tests: {@code /slow/...} answers 200 after 600 ms
 * (past the latency SLO's 500 ms bucket), {@code /fail/...} answers 500, anything else 200 at once
 * with a cacheable body.
 */
final class TinyUpstream implements AutoCloseable {

  static final long SLOW_MILLIS = 600;

  private final HttpServer server;

  private TinyUpstream(HttpServer server) {
    this.server = server;
  }

  static TinyUpstream start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
      server.createContext("/", TinyUpstream::handle);
      server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
      server.start();
      return new TinyUpstream(server);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String address() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  private static void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      int status = path.contains("/fail") ? 500 : 200;
      if (path.contains("/slow")) {
        try {
          Thread.sleep(SLOW_MILLIS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      byte[] body = ("{\"path\":\"" + path + "\"}").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.getResponseHeaders().add("Cache-Control", "public, max-age=60");
      exchange.sendResponseHeaders(status, body.length);
      exchange.getResponseBody().write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
