package dev.emporium.deploy.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.emporium.platform.testing.InProcessKafka;
import dev.emporium.platform.testing.PostgresDatabases;
import dev.emporium.platform.testing.TestDatabase;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The product and order services as processes of their own, on real PostgreSQL and the in-process
 * Kafka broker: a product is created, an order placed and left to time out in its saga, and a record
 * that is no event is sent to the order service's payment topic (it goes to the dead-letter topic).
 * Their scrapes must hold what the rules and the saga dashboard read of services; the few metrics of
 * services not started here are checked against the code that registers them.
 */
class ServiceScrapeIT {

  /** Metrics of services not started here, with the module whose code registers them. */
  static final Map<String, String> REGISTERED_ELSEWHERE = Map.of(
      "emporium_payment_outcomes_total", "services/payment",
      "notification_dead_letters_total", "services/notification");

  static final TestDatabase productDb = PostgresDatabases.create("scrape_product");
  static final TestDatabase orderDb = PostgresDatabases.create("scrape_order");
  static final InProcessKafka kafka = InProcessKafka.shared();
  static ServiceProcess product;
  static ServiceProcess order;
  static Exposition productScrape;
  static Exposition orderScrape;
  static String paymentTopic;

  @BeforeAll
  static void startServicesAndDriveASaga() {
    int grpcPort = ServiceProcess.freePort();
    product = ServiceProcess.start("product", Map.of(
        "spring.grpc.server.port", Integer.toString(grpcPort),
        "spring.datasource.url", productDb.jdbcUrl(),
        "spring.datasource.username", productDb.username(),
        "spring.datasource.password", productDb.password(),
        "spring.kafka.bootstrap-servers", kafka.bootstrapServers(),
        "emporium.product.topic", kafka.newTopic("product-events")));
    paymentTopic = kafka.newTopic("payment-events");
    Map<String, String> orderProperties = new LinkedHashMap<>();
    orderProperties.put("spring.datasource.url", orderDb.jdbcUrl());
    orderProperties.put("spring.datasource.username", orderDb.username());
    orderProperties.put("spring.datasource.password", orderDb.password());
    orderProperties.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
    orderProperties.put("emporium.order.topic", kafka.newTopic("order-events"));
    orderProperties.put("emporium.order.payment-topic", paymentTopic);
    orderProperties.put("emporium.order.inventory-topic", kafka.newTopic("inventory-events"));
    orderProperties.put("emporium.order.shipping-topic", kafka.newTopic("shipping-events"));
    orderProperties.put("emporium.order.consumer-group", InProcessKafka.uniqueName("scrape-order"));
    orderProperties.put("spring.grpc.client.channel.product.target", "static://127.0.0.1:" + grpcPort);
    orderProperties.put("emporium.order.catalog.deadline", "10s");
    // Nothing answers for payment: the order times out in its first step, after 2 s.
    orderProperties.put("emporium.order.saga.step-timeout", "2s");
    orderProperties.put("emporium.order.saga.sweep-interval", "1s");
    orderProperties.put("emporium.events.consumer.retry-initial-delay", "50ms");
    orderProperties.put("emporium.events.consumer.retry-max-delay", "200ms");
    orderProperties.put("emporium.events.outbox.poll-interval", "100ms");
    order = ServiceProcess.start("order", orderProperties);

    String productId = created(product.send(json(product.url("/api/products"), """
        {"name":"Pour-over Kettle","price":{"amount":"29.90","currency":"EUR"},"category":"kitchen"}""")
        .header("X-User-Id", "admin-1").header("X-User-Roles", "admin")));
    created(order.send(json(order.url("/api/orders"), """
        {"items":[{"productId":"%s","quantity":1}],"paymentMethod":"tok_visa",
         "shippingAddress":{"name":"Ada","line1":"1 Row","city":"London","postalCode":"N1 9GU","country":"GB"}}"""
        .formatted(productId))
        .header("X-User-Id", "u-" + UUID.randomUUID()).header("X-User-Roles", "customer")
        .header("Idempotency-Key", UUID.randomUUID().toString())));
    try (KafkaProducer<String, byte[]> producer = kafka.producer()) {
      producer.send(new ProducerRecord<>(paymentTopic, "garbage", "not an event".getBytes(StandardCharsets.UTF_8)))
          .get();
    } catch (Exception e) {
      throw new IllegalStateException("could not send to " + paymentTopic, e);
    }

    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
    do {
      ServiceProcess.sleep(500);
      orderScrape = order.scrape();
    } while (!(orderScrape.has("emporium_order_cancelled_total", Map.of("reason", "timeout"))
        && orderScrape.has("emporium_events_dead_letters_total", Map.of("topic", paymentTopic))
        && orderScrape.sum("emporium_outbox_published_total", Map.of()) >= 2)
        && System.nanoTime() < deadline);
    productScrape = product.scrape();
  }

  @AfterAll
  static void stop() {
    if (order != null) order.close();
    if (product != null) product.close();
    orderDb.close();
    productDb.close();
  }

  private static HttpRequest.Builder json(String url, String body) {
    return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  private static String created(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    try {
      JsonNode body = ObservabilityFiles.JSON.readTree(response.body());
      return body.path("id").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What the rules and the saga dashboard read of services (not of the gateway). */
  static List<String> serviceExprs() {
    List<String> exprs = new ArrayList<>();
    ObservabilityFiles.rules().stream().map(ObservabilityFiles.Rule::expr)
        .filter(e -> PromQl.metricNames(e).stream().noneMatch(n -> n.startsWith("gateway")))
        .forEach(exprs::add);
    ObservabilityFiles.dashboardQueries().stream().filter(q -> q.file().getFileName().toString().equals("saga.json"))
        .map(ObservabilityFiles.Query::expr).forEach(exprs::add);
    return exprs;
  }

  static Set<String> serviceMetrics() {
    Set<String> names = new TreeSet<>();
    Set<String> recorded = ObservabilityFiles.recordedNames();
    serviceExprs().forEach(e -> PromQl.metricNames(PromQl.fromGrafana(e)).stream()
        .filter(n -> !recorded.contains(n) && !n.equals("up")).forEach(names::add));
    return names;
  }

  static Exposition both() {
    List<Exposition.Sample> samples = new ArrayList<>(orderScrape.samples());
    samples.addAll(productScrape.samples());
    return new Exposition(samples);
  }

  @Test
  void theSagaAndItsEventsShowUpInTheOrderServicesScrape() {
    assertThat(orderScrape.sum("emporium_order_placed_total", Map.of())).isEqualTo(1.0);
    assertThat(orderScrape.sum("emporium_order_cancelled_total", Map.of("reason", "timeout", "status", "pending")))
        .isEqualTo(1.0);
    assertThat(orderScrape.sum("emporium_order_saga_transitions_total", Map.of("from", "pending", "to", "cancelled")))
        .isEqualTo(1.0);
    assertThat(orderScrape.sum("emporium_order_saga_step_seconds_count", Map.of("step", "timeout"))).isEqualTo(1.0);
    assertThat(orderScrape.has("emporium_order_saga_duration_seconds_bucket", Map.of("outcome", "cancelled", "le", "5.0")))
        .isTrue();
    assertThat(orderScrape.sum("emporium_events_dead_letters_total", Map.of("topic", paymentTopic))).isEqualTo(1.0);
    assertThat(orderScrape.sum("emporium_outbox_published_total", Map.of()))
        .as("OrderCreated and OrderCancelled").isGreaterThanOrEqualTo(2.0);
    assertThat(orderScrape.has("emporium_outbox_pending", Map.of("application", "order"))).isTrue();
  }

  @Test
  void everyServiceMetricTheRulesAndSagaDashboardReadIsScrapedOrRegisteredByItsService() throws IOException {
    Set<String> used = serviceMetrics();
    assertThat(used).contains("emporium_outbox_pending", "emporium_order_cancelled_total",
        "http_server_requests_seconds_count", "resilience4j_circuitbreaker_state");

    Set<String> missing = ScrapeCheck.missingNames(used, both());
    missing.removeAll(resilience4jScrape().names());
    assertThat(missing).as("neither in a live scrape nor known to be registered elsewhere")
        .isSubsetOf(REGISTERED_ELSEWHERE.keySet());
    for (String name : missing) {
      String meter = name.replaceAll("_total$", "").replace('_', '.');
      assertThat(sourceContains(REGISTERED_ELSEWHERE.get(name), "\"" + meter + "\""))
          .as(name + " registered as \"" + meter + "\" in " + REGISTERED_ELSEWHERE.get(name)).isTrue();
    }
  }

  @Test
  void everyLabelTheServiceQueriesMatchOnIsOnTheScrapedMetrics() {
    List<Exposition.Sample> samples = new ArrayList<>(both().samples());
    samples.addAll(resilience4jScrape().samples());
    assertThat(ScrapeCheck.unmatchedLabels(serviceExprs(), new Exposition(samples), false)).isEmpty();
  }

  /** The payment service binds its processor breaker with Resilience4j's tagged metrics: the same binder here. */
  static Exposition resilience4jScrape() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
    breakers.circuitBreaker("processor");
    TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(registry);
    Exposition scrape = Exposition.parse(registry.scrape());
    assertThat(sourceContains("services/payment", "TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry")).isTrue();
    return scrape;
  }

  private static boolean sourceContains(String module, String text) {
    try (Stream<Path> files = Files.walk(ObservabilityFiles.REPOSITORY.resolve(module).resolve("src/main/java"))) {
      return files.filter(p -> p.toString().endsWith(".java")).anyMatch(p -> {
        try {
          return Files.readString(p).contains(text);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
