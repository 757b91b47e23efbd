package dev.emporium.order.cart;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.json.JsonMapper;

/**
 * A cart service for tests: a real HTTP server on a random port answering {@code GET /api/cart} as
 * the cart service does (the items of the cart of {@code X-User-Id}), with a fault it can switch on.
 */
public final class FakeCartService {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Map<String, List<Map<String, Object>>> carts = new ConcurrentHashMap<>();
  private final AtomicInteger failWith = new AtomicInteger();
  private final HttpServer server;

  private FakeCartService() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/api/cart", this::answer);
    server.start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
  }

  public static FakeCartService start() {
    return new FakeCartService();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Puts a line into the user's cart, priced as the cart would show it (the order never uses that price). */
  public void add(String userId, String productId, int quantity, String price) {
    Map<String, Object> money = Map.of("amount", price, "currency", "EUR");
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("productId", productId);
    line.put("name", "as in the cart");
    line.put("quantity", quantity);
    line.put("unitPrice", money);
    line.put("lineTotal", money);
    carts.computeIfAbsent(userId, u -> new ArrayList<>()).add(line);
  }

  /** Answers every request with this status (0: answer normally). */
  public void failWith(int status) {
    failWith.set(status);
  }

  private void answer(HttpExchange exchange) throws IOException {
    try (exchange) {
      int failure = failWith.get();
      String user = exchange.getRequestHeaders().getFirst("X-User-Id");
      if (failure != 0 || user == null) {
        exchange.sendResponseHeaders(failure != 0 ? failure : 401, -1);
        return;
      }
      List<Map<String, Object>> items = carts.getOrDefault(user, List.of());
      Map<String, Object> cart = new LinkedHashMap<>();
      cart.put("items", items);
      cart.put("total", null);
      cart.put("itemCount", items.size());
      byte[] body = JSON.writeValueAsString(cart).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
    }
  }
}
