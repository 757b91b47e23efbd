package dev.emporium.analytics.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.analytics.AnalyticsTestSupport;
import dev.emporium.analytics.AnalyticsTestSupport.Order;
import dev.emporium.analytics.AnalyticsTestSupport.Wiring;
import dev.emporium.platform.events.envelope.CloudEventCodec;
import dev.emporium.platform.events.kafka.DeadLetters;
import dev.emporium.platform.testing.HttpTestClient;
import dev.emporium.platform.testing.InProcessKafka;
import dev.emporium.platform.testing.PostgresDatabases;
import dev.emporium.platform.testing.TestDatabase;
import dev.emporium.platform.testing.TestResponse;
import dev.emporium.platform.testing.TopicReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The saga's events, as the four producing services publish them, become exact numbers: each test
 * sends a stream, waits until the service has consumed every record (duplicates included), and
 * reads the reports through the API. Tests use days of their own, so they share the database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AggregationIT {

  static final TestDatabase db = PostgresDatabases.create(AggregationIT.class);
  static final InProcessKafka kafka = InProcessKafka.shared();
  static final Wiring wiring = Wiring.create(kafka);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    AnalyticsTestSupport.register(registry, db, kafka, wiring);
  }

  @LocalServerPort int port;
  @Autowired CloudEventCodec codec;
  HttpTestClient admin;
  KafkaProducer<String, byte[]> producer;

  @BeforeEach
  void setUp() {
    admin = HttpTestClient.forPort(port).as("admin-1", "admin");
    producer = kafka.producer();
  }

  @AfterEach
  void tearDown() {
    producer.close();
  }

  @Test
  void aStreamOfEventsForSeveralOrdersYieldsTheExactNumbers() throws Exception {
    Instant ten = Instant.parse("2026-03-10T10:00:00Z");
    Instant eleven = ten.plus(1, ChronoUnit.HOURS);
    Instant twelve = ten.plus(2, ChronoUnit.HOURS);
    // A: the whole saga.
    Order a = order();
    send(a.created(at(ten, 5), "60.00", "EUR"), a.paid(at(ten, 6), "60.00", "EUR"), a.reserved(at(ten, 6)),
        a.shipped(at(ten, 7)), a.completed(at(ten, 7)));
    // B: paid, short of stock, cancelled and refunded.
    Order b = order();
    send(b.created(at(ten, 20), "25.50", "EUR"), b.paid(at(ten, 21), "25.50", "EUR"), b.insufficient(at(ten, 21)),
        b.cancelled(at(ten, 22), "insufficient-stock"), b.refunded(at(ten, 23), "25.50", "EUR"));
    // C: declined.
    Order c = order();
    send(c.created(at(eleven, 10), "12.00", "EUR"), c.paymentFailed(at(eleven, 10)),
        c.cancelled(at(eleven, 11), "payment-declined"));
    // D: the whole saga, in dollars.
    Order d = order();
    send(d.created(at(eleven, 30), "100.00", "USD"), d.paid(at(eleven, 31), "100.00", "USD"),
        d.reserved(at(eleven, 31)), d.shipped(at(eleven, 32)), d.completed(at(eleven, 33)));
    // E: reserved, not shippable, cancelled and refunded in the next hour.
    Order e = order();
    send(e.created(at(eleven, 45), "10.00", "EUR"), e.paid(at(eleven, 46), "10.00", "EUR"), e.reserved(at(eleven, 47)),
        e.shipmentFailed(at(eleven, 48)), e.cancelled(at(twelve, 1), "shipment-failed"),
        e.refunded(at(twelve, 2), "10.00", "EUR"));
    // F: created before the range, paid within it: revenue of 10:00, not in the funnel of the range.
    Order f = order();
    send(f.created(at(ten.minus(1, ChronoUnit.HOURS), 59), "5.00", "EUR"), f.paid(at(ten, 1), "5.00", "EUR"));
    awaitConsumed();

    String range = "from=2026-03-10T10:00:00Z&to=2026-03-10T13:00:00Z";
    JsonNode orders = get("/api/analytics/orders?" + range);
    assertThat(orders.get("total").asLong()).isEqualTo(5);
    assertThat(buckets(orders, "orders")).containsExactly(
        Map.entry("2026-03-10T10:00:00Z", "2"), Map.entry("2026-03-10T11:00:00Z", "3"),
        Map.entry("2026-03-10T12:00:00Z", "0"));

    JsonNode revenue = get("/api/analytics/revenue?" + range);
    assertMoney(total(revenue, "EUR"), "100.50", "35.50", "65.00", 4, 2);
    assertMoney(total(revenue, "USD"), "100.00", "0.00", "100.00", 1, 0);
    assertMoney(hour(revenue, 0, "EUR"), "90.50", "25.50", "65.00", 3, 1);
    assertMoney(hour(revenue, 1, "EUR"), "10.00", "0.00", "10.00", 1, 0);
    assertMoney(hour(revenue, 1, "USD"), "100.00", "0.00", "100.00", 1, 0);
    assertMoney(hour(revenue, 2, "EUR"), "0.00", "10.00", "-10.00", 0, 1);
    JsonNode dollars = get("/api/analytics/revenue?" + range + "&currency=USD");
    assertThat(dollars.get("currency").asString()).isEqualTo("USD");
    assertThat(dollars.get("totals")).hasSize(1);
    assertThat(dollars.get("buckets").get(0).get("currencies")).isEmpty();

    JsonNode funnel = get("/api/analytics/funnel?" + range);
    assertThat(steps(funnel)).containsExactly(5L, 4L, 3L, 2L, 2L, 3L);
    assertThat(funnel.get("conversion").get("completed").decimalValue()).isEqualByComparingTo("0.4");
    assertThat(funnel.get("conversion").get("paid").decimalValue()).isEqualByComparingTo("0.8");

    JsonNode cancellations = get("/api/analytics/cancellations?" + range);
    assertThat(cancellations.get("total").asLong()).isEqualTo(3);
    assertThat(cancellations.get("byReason").valueStream()
        .map(r -> r.get("reason").asString() + "=" + r.get("count").asLong()))
        .containsExactly("insufficient-stock=1", "payment-declined=1", "shipment-failed=1");

    JsonNode firstHour = get("/api/analytics/funnel?from=2026-03-10T10:00:00Z&to=2026-03-10T11:00:00Z");
    assertThat(steps(firstHour)).as("A and B only").containsExactly(2L, 2L, 1L, 1L, 1L, 1L);
    JsonNode partial = get("/api/analytics/orders?from=2026-03-10T10:30:00Z&to=2026-03-10T11:15:00%2B00:00");
    assertThat(partial.get("from").asString()).isEqualTo("2026-03-10T10:00:00Z");
    assertThat(partial.get("to").asString()).as("widened to whole hours").isEqualTo("2026-03-10T12:00:00Z");
    assertThat(partial.get("total").asLong()).isEqualTo(5);
  }

  @Test
  void duplicatesAndReplaysAreNotCountedTwice() throws Exception {
    Instant noon = Instant.parse("2026-04-02T12:00:00Z");
    Order order = order();
    ProducerRecord<String, byte[]> created = order.created(at(noon, 1), "40.00", "EUR");
    ProducerRecord<String, byte[]> paid = order.paid(at(noon, 2), "40.00", "EUR");
    ProducerRecord<String, byte[]> cancelled = order.cancelled(at(noon, 3), "timeout");
    ProducerRecord<String, byte[]> refunded = order.refunded(at(noon, 4), "40.00", "EUR");
    for (int delivery = 0; delivery < 2; delivery++) {
      send(created, paid, cancelled, refunded);
    }
    // The producers publishing again under new event ids (at-least-once, a replay), even with other times.
    send(order.created(at(noon, 30), "40.00", "EUR"), order.paid(at(noon, 31), "40.00", "EUR"),
        order.cancelled(at(noon, 32), "payment-failed"), order.refunded(at(noon, 33), "40.00", "EUR"));
    awaitConsumed();

    String range = "from=2026-04-02T12:00:00Z&to=2026-04-02T13:00:00Z";
    assertThat(get("/api/analytics/orders?" + range).get("total").asLong()).isEqualTo(1);
    assertMoney(total(get("/api/analytics/revenue?" + range), "EUR"), "40.00", "40.00", "0.00", 1, 1);
    assertThat(steps(get("/api/analytics/funnel?" + range))).containsExactly(1L, 1L, 0L, 0L, 0L, 1L);
    JsonNode cancellations = get("/api/analytics/cancellations?" + range);
    assertThat(cancellations.get("total").asLong()).isEqualTo(1);
    assertThat(cancellations.get("byReason").get(0).get("reason").asString()).as("the first one counts")
        .isEqualTo("timeout");
  }

  @Test
  void stepsArrivingBeforeTheirOrderAcrossTopicsStillGiveTheRightFunnel() throws Exception {
    Instant nine = Instant.parse("2026-05-20T09:00:00Z");
    Order late = order();
    Order onTime = order();
    // Every later step first, each on its own topic; the order itself last.
    send(late.completed(at(nine, 9)), late.shipped(at(nine, 8)), late.reserved(at(nine, 7)),
        late.paid(at(nine, 6), "20.00", "EUR"), onTime.created(at(nine, 10), "20.00", "EUR"));
    awaitConsumed();
    String range = "from=2026-05-20T09:00:00Z&to=2026-05-20T10:00:00Z";
    assertThat(steps(get("/api/analytics/funnel?" + range))).as("the late order is not created yet")
        .containsExactly(1L, 0L, 0L, 0L, 0L, 0L);

    send(late.created(at(nine, 5), "20.00", "EUR"));
    awaitConsumed();

    assertThat(steps(get("/api/analytics/funnel?" + range))).containsExactly(2L, 1L, 1L, 1L, 1L, 0L);
    assertThat(get("/api/analytics/orders?" + range).get("total").asLong()).isEqualTo(2);
  }

  @Test
  void unknownEventTypesAreCountedAndSkippedAndTheConsumerGoesOn() throws Exception {
    Instant eight = Instant.parse("2026-06-11T08:00:00Z");
    Order order = order();
    ProducerRecord<String, byte[]> loyalty = order.event(wiring.payments(), "/services/loyalty",
        "LoyaltyPointsAwarded", Map.of("points", 40));
    send(order.event(wiring.orders(), "/services/order", "OrderGiftWrapped", Map.of("orderId", order.orderId())),
        loyalty, loyalty, order.event(wiring.shipping(), "/services/shipping", "ShipmentLost", "not even an object"),
        order.created(at(eight, 1), "9.99", "EUR"));
    awaitConsumed();

    assertThat(get("/api/analytics/orders?from=2026-06-11T08:00:00Z&to=2026-06-11T09:00:00Z").get("total").asLong())
        .as("the known event after them").isEqualTo(1);
    Map<String, Long> skipped = new TreeMap<>();
    get("/api/analytics/skipped-events").get("skipped").valueStream()
        .forEach(s -> skipped.put(s.get("topic").asString() + "/" + s.get("type").asString(), s.get("events").asLong()));
    assertThat(skipped).containsEntry(wiring.orders() + "/OrderGiftWrapped", 1L)
        .containsEntry(wiring.payments() + "/LoyaltyPointsAwarded", 1L)
        .containsEntry(wiring.shipping() + "/ShipmentLost", 1L);
    assertThat(HttpTestClient.forPort(port).get("/metrics").body())
        .contains("emporium_analytics_events_skipped_total{application=\"analytics\",topic=\"" + wiring.payments());
  }

  @Test
  void aPaymentWithoutCurrencyGoesToTheDeadLetterTopicAndCountsNothing() throws Exception {
    Instant seven = Instant.parse("2026-07-01T07:00:00Z");
    Order order = order();
    Map<String, Object> data = new HashMap<>(order.paidData(at(seven, 1), "15.00", "EUR"));
    data.remove("currency");
    try (TopicReader dlt = kafka.reader(DeadLetters.topicFor(wiring.payments()))) {
      send(order.event(wiring.payments(), "/services/payment", "PaymentProcessed", data));
      dlt.awaitUntil(records -> records.stream().anyMatch(r -> order.orderId().equals(r.key())), "the payment in the DLT");
    }
    awaitConsumed();
    assertThat(get("/api/analytics/revenue?from=2026-07-01T07:00:00Z&to=2026-07-01T08:00:00Z").get("totals")).isEmpty();
  }

  private Order order() {
    return Order.create(codec, wiring);
  }

  @SafeVarargs
  private void send(ProducerRecord<String, byte[]>... records) throws Exception {
    for (ProducerRecord<String, byte[]> record : records) {
      producer.send(record).get();
    }
  }

  private void awaitConsumed() throws Exception {
    AnalyticsTestSupport.awaitConsumed(kafka, wiring.group(), wiring.topics());
  }

  private JsonNode get(String path) {
    TestResponse response = admin.get(path);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json();
  }

  private static Instant at(Instant hour, int minute) {
    return hour.plus(minute, ChronoUnit.MINUTES);
  }

  private static List<Map.Entry<String, String>> buckets(JsonNode report, String field) {
    return report.get("buckets").valueStream()
        .map(b -> Map.entry(b.get("hour").asString(), b.get(field).asString())).toList();
  }

  private static List<Long> steps(JsonNode funnel) {
    return List.of("created", "paid", "reserved", "shipped", "completed", "cancelled").stream()
        .map(step -> funnel.get(step).asLong()).toList();
  }

  private static JsonNode total(JsonNode revenue, String currency) {
    return revenue.get("totals").valueStream().filter(t -> currency.equals(t.get("currency").asString()))
        .findFirst().orElseThrow(() -> new AssertionError("no total in " + currency + ": " + revenue));
  }

  private static JsonNode hour(JsonNode revenue, int index, String currency) {
    return revenue.get("buckets").get(index).get("currencies").valueStream()
        .filter(t -> currency.equals(t.get("currency").asString())).findFirst()
        .orElseThrow(() -> new AssertionError("no " + currency + " in bucket " + index + ": " + revenue));
  }

  private static void assertMoney(JsonNode revenue, String gross, String refunded, String net, long payments,
      long refunds) {
    assertThat(revenue.get("gross").decimalValue()).as("gross").isEqualByComparingTo(new BigDecimal(gross));
    assertThat(revenue.get("refunded").decimalValue()).as("refunded").isEqualByComparingTo(new BigDecimal(refunded));
    assertThat(revenue.get("net").decimalValue()).as("net").isEqualByComparingTo(new BigDecimal(net));
    assertThat(revenue.get("payments").asLong()).as("payments").isEqualTo(payments);
    assertThat(revenue.get("refunds").asLong()).as("refunds").isEqualTo(refunds);
  }
}
