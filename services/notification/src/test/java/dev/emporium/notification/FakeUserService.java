package dev.emporium.notification;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP server answering the user service's {@code GET /internal/users/{id}/contact} as the
 * user service does ({@code {userId, email, name, phone}}, 404 for an unknown user), which a test
 * can stop and start again on the same port to play the user service going down and coming back,
 * or have answer 503 for one user a number of times. It remembers when each user's contact was
 * asked for: one request per delivery attempt, which is how tests time retries.
 */
public final class FakeUserService implements AutoCloseable {

  private static final String PREFIX = "/internal/users/";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Map<String, Map<String, Object>> contacts = new ConcurrentHashMap<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();
  private final Map<String, List<Instant>> asked = new ConcurrentHashMap<>();
  /** The port, fixed when first started, so that the server comes back where clients look for it. */
  private int port;
  private volatile HttpServer server;

  private FakeUserService() {}

  public static FakeUserService start() {
    FakeUserService users = new FakeUserService();
    users.up();
    return users;
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /** Adds a user; {@code phone} may be null. */
  public void add(String userId, String email, String name, String phone) {
    Map<String, Object> contact = new LinkedHashMap<>();
    contact.put("userId", userId);
    contact.put("email", email);
    contact.put("name", name);
    contact.put("phone", phone);
    contacts.put(userId, contact);
  }

  public int requests() {
    return requests.get();
  }

  /** Answers 503 to the next {@code times} requests for {@code userId}'s contact. */
  public void failFor(String userId, int times) {
    failuresLeft.put(userId, new AtomicInteger(times));
  }

  /** When {@code userId}'s contact was asked for, in order. */
  public List<Instant> askedAt(String userId) {
    return List.copyOf(asked.getOrDefault(userId, List.of()));
  }

  /** Stops answering: connections are refused. */
  public synchronized void down() {
    if (server != null) {
      server.stop(0);
      server = null;
    }
  }

  /** Answers again, on the same port as before. */
  public synchronized void up() {
    if (server != null) {
      return;
    }
    try {
      HttpServer started = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
      started.createContext("/", this::answer);
      started.start();
      port = started.getAddress().getPort();
      server = started;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void answer(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    String path = exchange.getRequestURI().getPath();
    Map<String, Object> contact = null;
    if ("GET".equals(exchange.getRequestMethod()) && path.startsWith(PREFIX) && path.endsWith("/contact")) {
      String userId = path.substring(PREFIX.length(), path.length() - "/contact".length());
      asked.computeIfAbsent(userId, id -> new CopyOnWriteArrayList<>()).add(Instant.now());
      AtomicInteger failures = failuresLeft.get(userId);
      if (failures != null && failures.getAndDecrement() > 0) {
        exchange.sendResponseHeaders(503, -1);
        exchange.close();
        return;
      }
      contact = contacts.get(userId);
    }
    byte[] body = contact == null
        ? "{\"type\":\"urn:emporium:problem:not-found\",\"status\":404}".getBytes(StandardCharsets.UTF_8)
        : JSON.writeValueAsBytes(contact);
    exchange.getResponseHeaders().set("Content-Type", contact == null ? "application/problem+json" : "application/json");
    exchange.sendResponseHeaders(contact == null ? 404 : 200, body.length);
    try (var out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    down();
  }
}
