import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Places orders through the gateway at a fixed rate, as many shoppers at once, and measures what a
 * client sees: the confirmation (the 201 of POST /api/orders) and the saga's completion (from the
 * order's own timeline: created to completed). Run by bench/orders.sh against `emporium up`;
 * needs only the JDK: {@code java bench/OrderLoad.java GATEWAY DATA_DIR WARMUP_RATE WARMUP_SECONDS RATE SECONDS
 * [RATE SECONDS]...}. The warm-up stage runs first and is reported apart: a platform fresh from its
 * start runs interpreted code, and its first minute says more about the JIT than about the saga.
 */
public final class OrderLoad {

  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
      .executor(Executors.newVirtualThreadPerTaskExecutor()).build();

  record Placed(String orderId, String token, long confirmationNanos) {}

  public static void main(String[] args) throws Exception {
    String gateway = args[0];
    Properties secrets = new Properties();
    try (var in = Files.newInputStream(Path.of(args[1], "secrets.properties"))) {
      secrets.load(in);
    }
    String admin = login(gateway, "admin@emporium.test", secrets.getProperty("demo.admin.password"));
    List<String> products = products(gateway, admin, 20);
    for (String product : products) {
      post(gateway + "/api/inventory/restock", admin, null,
          "{\"productId\":\"" + product + "\",\"warehouse\":\"bench\",\"quantity\":1000000}");
    }
    List<String> shoppers = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      String email = "bench-" + UUID.randomUUID() + "@emporium.test";
      String password = "bench password " + i;
      post(gateway + "/api/users", null, null, "{\"email\":\"" + email + "\",\"password\":\"" + password
          + "\",\"name\":\"Bench Shopper\"}");
      shoppers.add(login(gateway, email, password));
    }
    System.out.printf("%-8s %-8s %-9s %-8s %-14s %-14s %-14s %-12s %-12s%n", "rate/s", "seconds", "placed",
        "errors", "confirm p50", "confirm p95", "confirm p99", "saga p50", "saga p95");
    if (Integer.parseInt(args[3]) > 0) {
      run(gateway, products, shoppers, Integer.parseInt(args[2]), Integer.parseInt(args[3]), "warm-up");
    }
    for (int i = 4; i + 1 < args.length; i += 2) {
      run(gateway, products, shoppers, Integer.parseInt(args[i]), Integer.parseInt(args[i + 1]), "");
    }
  }

  static void run(String gateway, List<String> products, List<String> shoppers, int rate, int seconds, String label)
      throws Exception {
    int total = rate * seconds;
    ConcurrentLinkedQueue<Placed> placed = new ConcurrentLinkedQueue<>();
    AtomicInteger errors = new AtomicInteger();
    AtomicInteger sent = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(total);
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    long periodNanos = 1_000_000_000L / rate;
    ticker.scheduleAtFixedRate(() -> {
      int n = sent.getAndIncrement();
      if (n >= total) {
        return;
      }
      String token = shoppers.get(n % shoppers.size());
      String product = products.get(n % products.size());
      String body = "{\"items\":[{\"productId\":\"" + product + "\",\"quantity\":1}],\"paymentMethod\":\"tok_visa\","
          + "\"shippingAddress\":{\"name\":\"Bench Shopper\",\"line1\":\"Hauptstrasse 1\",\"city\":\"Berlin\","
          + "\"postalCode\":\"10115\",\"country\":\"DE\"}}";
      long begin = System.nanoTime();
      HTTP.sendAsync(request(gateway + "/api/orders", token, UUID.randomUUID().toString())
              .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString())
          .whenComplete((response, failure) -> {
            long elapsed = System.nanoTime() - begin;
            if (failure == null && response.statusCode() == 201) {
              placed.add(new Placed(field(response.body(), "id"), token, elapsed));
            } else {
              errors.incrementAndGet();
            }
            done.countDown();
          });
    }, 0, periodNanos, TimeUnit.NANOSECONDS);
    done.await(seconds + 60L, TimeUnit.SECONDS);
    ticker.shutdownNow();

    List<Long> confirmations = new ArrayList<>();
    placed.forEach(p -> confirmations.add(p.confirmationNanos()));
    List<Long> sagas = sagaDurations(gateway, new ArrayList<>(placed), errors);
    System.out.printf("%-8s %-8d %-9d %-8d %-14s %-14s %-14s %-12s %-12s %s%n", rate, seconds, placed.size(),
        errors.get(), ms(percentile(confirmations, 50)), ms(percentile(confirmations, 95)),
        ms(percentile(confirmations, 99)), ms(percentile(sagas, 50)), ms(percentile(sagas, 95)), label);
  }

  /** Waits for every order to end and reads created → completed from its timeline. */
  static List<Long> sagaDurations(String gateway, List<Placed> orders, AtomicInteger errors) throws Exception {
    List<Long> durations = Collections.synchronizedList(new ArrayList<>());
    Instant deadline = Instant.now().plusSeconds(120);
    List<Placed> pending = new ArrayList<>(orders);
    while (!pending.isEmpty() && Instant.now().isBefore(deadline)) {
      List<Placed> still = new ArrayList<>();
      for (Placed order : pending) {
        HttpResponse<String> response = HTTP.send(request(gateway + "/api/orders/" + order.orderId(), order.token(),
            null).GET().build(), HttpResponse.BodyHandlers.ofString());
        String body = response.body();
        String status = field(body, "status");
        if ("COMPLETED".equals(status)) {
          Instant created = Instant.parse(stepTime(body, "created"));
          Instant completed = Instant.parse(stepTime(body, "completed"));
          durations.add(Duration.between(created, completed).toNanos());
        } else if ("CANCELLED".equals(status)) {
          errors.incrementAndGet();
        } else {
          still.add(order);
        }
      }
      pending = still;
      if (!pending.isEmpty()) {
        Thread.sleep(500);
      }
    }
    errors.addAndGet(pending.size());
    return durations;
  }

  static HttpRequest.Builder request(String url, String token, String idempotencyKey) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json");
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    if (idempotencyKey != null) {
      builder.header("Idempotency-Key", idempotencyKey);
    }
    return builder;
  }

  static String post(String url, String token, String key, String body) throws Exception {
    HttpResponse<String> response = HTTP.send(request(url, token, key).POST(HttpRequest.BodyPublishers.ofString(body))
        .build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException("POST " + url + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  static String login(String gateway, String email, String password) throws Exception {
    return field(post(gateway + "/api/auth/login", null, null,
        "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}"), "access_token");
  }

  static List<String> products(String gateway, String token, int count) throws Exception {
    HttpResponse<String> response = HTTP.send(request(gateway + "/api/products?limit=" + count, token, null).GET()
        .build(), HttpResponse.BodyHandlers.ofString());
    List<String> ids = new ArrayList<>();
    Matcher m = Pattern.compile("\\{\"id\":\"([0-9a-f-]{36})\"").matcher(response.body());
    while (m.find()) {
      ids.add(m.group(1));
    }
    if (ids.isEmpty()) {
      throw new IllegalStateException("no products: " + response.body());
    }
    return ids;
  }

  static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\":\"([^\"]*)\"").matcher(json);
    return m.find() ? m.group(1) : null;
  }

  static String stepTime(String json, String step) {
    Matcher m = Pattern.compile("\\{\"step\":\"" + step + "\",\"at\":\"([^\"]+)\"").matcher(json);
    if (!m.find()) {
      throw new IllegalStateException("no step " + step + " in " + json);
    }
    return m.group(1);
  }

  static long percentile(List<Long> values, int p) {
    if (values.isEmpty()) {
      return -1;
    }
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }

  static String ms(long nanos) {
    return nanos < 0 ? "-" : String.format("%.1f ms", nanos / 1e6);
  }
}
