package dev.emporium.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.platform.testing.TestResponse;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One order's trace as Zipkin shows it: the gateway's request, the order service, and every step
 * of the saga that follows over Kafka (payment, inventory, shipping, notification) in one tree.
 */
class TracingIT {

  static final JsonMapper JSON = JsonMapper.builder().build();
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  static final List<String> SAGA = List.of("gateway", "order", "payment", "inventory", "shipping", "notification");

  static RunningPlatform running;
  static Catalogue catalogue;

  @BeforeAll
  static void platform() {
    running = RunningPlatform.get();
    catalogue = Catalogue.asAdmin(running);
  }

  @Test
  void anOrdersTraceRunsFromTheGatewayThroughEveryServiceOfTheSaga() throws Exception {
    String id = catalogue.product("Kettle " + UUID.randomUUID(), "kitchen", "40.00", 5);
    Shopper shopper = Shopper.register(running.gatewayPort(), "Barbara");

    TestResponse placed = ShopperJourneyIT.placeOrder(shopper, id, 1, "tok_visa");
    assertThat(placed.status()).as("%s", placed).isEqualTo(201);
    String traceId = placed.header("X-Trace-Id");
    assertThat(traceId).as("X-Trace-Id of %s", placed).matches("[0-9a-f]{32}");
    JsonNode order = ShopperJourneyIT.awaitTerminal(shopper, placed.json().get("id").asString());
    assertThat(order.get("status").asString()).isEqualTo("COMPLETED");

    Trace trace = awaitTrace(traceId);

    assertThat(trace.services()).containsAll(SAGA);
    assertThat(trace.roots()).as("one root: the gateway's request").singleElement()
        .satisfies(root -> assertThat(service(root)).isEqualTo("gateway"));
    assertThat(trace.orphans()).as("spans whose parent is not in the trace").isEmpty();
    for (int step = 1; step < SAGA.size(); step++) {
      String service = SAGA.get(step);
      String before = service.equals("notification") ? "order" : SAGA.get(step - 1);
      assertThat(trace.spansOf(service)).as("a span of %s below one of %s", service, before)
          .anySatisfy(span -> assertThat(trace.ancestorServices(span)).contains(before));
    }
    assertThat(trace.spans().stream().filter(s -> "CONSUMER".equals(s.path("kind").asString(""))
        && "kafka".equals(s.path("tags").path("messaging.system").asString(""))))
        .as("Kafka consumer spans").hasSizeGreaterThanOrEqualTo(4);
  }

  /** Waits until Zipkin has the trace in full: every service of the saga, and no span missing its parent. */
  private static Trace awaitTrace(String traceId) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
    Trace trace = new Trace(List.of());
    while (System.nanoTime() < deadline) {
      trace = new Trace(fetch(traceId));
      if (trace.services().containsAll(SAGA) && trace.orphans().isEmpty()) {
        return trace;
      }
      Thread.sleep(500);
    }
    return trace;
  }

  private static List<JsonNode> fetch(String traceId) throws IOException, InterruptedException {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(running.traces.zipkinApi()
        .resolve("trace/" + traceId)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() == 404) {
      return List.of();
    }
    assertThat(response.statusCode()).as("Zipkin: %s", response.body()).isEqualTo(200);
    List<JsonNode> spans = new ArrayList<>();
    JSON.readTree(response.body()).forEach(spans::add);
    return spans;
  }

  static String service(JsonNode span) {
    return span.path("localEndpoint").path("serviceName").asString("");
  }

  /** The spans of one trace, as Zipkin returns them. */
  record Trace(List<JsonNode> spans) {

    Set<String> services() {
      return spans.stream().map(TracingIT::service).collect(Collectors.toSet());
    }

    List<JsonNode> spansOf(String service) {
      return spans.stream().filter(s -> service(s).equals(service)).toList();
    }

    List<JsonNode> roots() {
      return spans.stream().filter(s -> !s.has("parentId")).toList();
    }

    List<String> orphans() {
      Set<String> ids = spans.stream().map(s -> s.get("id").asString()).collect(Collectors.toSet());
      return spans.stream().filter(s -> s.has("parentId") && !ids.contains(s.get("parentId").asString()))
          .map(s -> service(s) + " " + s.path("name").asString()).toList();
    }

    /** The services of the spans above {@code span}, up to the root. */
    List<String> ancestorServices(JsonNode span) {
      Map<String, JsonNode> byId = new HashMap<>();
      // Zipkin keeps a client's and a server's half of one span id apart; the first one seen will do.
      spans.forEach(s -> byId.putIfAbsent(s.get("id").asString(), s));
      List<String> services = new ArrayList<>();
      JsonNode current = span;
      for (int depth = 0; current.has("parentId") && depth < spans.size(); depth++) {
        current = byId.get(current.get("parentId").asString());
        if (current == null) {
          break;
        }
        services.add(service(current));
      }
      return services;
    }
  }
}
