package dev.emporium.gateway.policy.auth;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real JWKS endpoint for tests: the JDK's HTTP server on a free loopback port, serving the public
 * halves of whatever keys the test publishes, and counting how often it is asked.
 */
public final class JwksServer implements AutoCloseable {

  private final HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();
  private volatile JWKSet published = new JWKSet();

  private JwksServer(HttpServer server) {
    this.server = server;
  }

  public static JwksServer start(JWK... keys) {
    try {
      HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      JwksServer jwks = new JwksServer(http);
      jwks.publish(keys);
      http.createContext("/jwks.json", exchange -> {
        jwks.requests.incrementAndGet();
        byte[] body = jwks.published.toString(true).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/jwk-set+json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
      });
      http.start();
      return jwks;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Replaces the published keys (their public halves only). */
  public void publish(JWK... keys) {
    published = new JWKSet(List.of(keys)).toPublicJWKSet();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json";
  }

  public int requests() {
    return requests.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
