package dev.emporium.payment.payments;

import static dev.emporium.payment.PaymentTestSupport.awaitEvent;
import static dev.emporium.payment.PaymentTestSupport.awaitEvents;
import static dev.emporium.payment.PaymentTestSupport.header;
import static dev.emporium.payment.PaymentTestSupport.item;
import static dev.emporium.payment.PaymentTestSupport.orderCancelled;
import static dev.emporium.payment.PaymentTestSupport.orderCreated;
import static dev.emporium.payment.PaymentTestSupport.type;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.emporium.payment.PaymentTestSupport;
import dev.emporium.payment.PaymentTestSupport.Topics;
import dev.emporium.payment.Psp;
import dev.emporium.platform.events.envelope.CloudEventCodec;
import dev.emporium.platform.events.kafka.DeadLetters;
import dev.emporium.platform.events.schema.EventSchemas;
import dev.emporium.platform.testing.HttpTestClient;
import dev.emporium.platform.testing.InProcessKafka;
import dev.emporium.platform.testing.PostgresDatabases;
import dev.emporium.platform.testing.TestDatabase;
import dev.emporium.platform.testing.TestResponse;
import dev.emporium.platform.testing.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The payment's part of the saga against the real simulator, driven the way the order service
 * drives it: by events. The bulkhead is 4 here, so that its bound can be seen at the processor.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ChargeIT {

  static final int BULKHEAD = 4;
  static final TestDatabase db = PostgresDatabases.create(ChargeIT.class);
  static final InProcessKafka kafka = InProcessKafka.shared();
  static final Topics topics = Topics.create(kafka);
  static final Psp psp = Psp.start();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    Map<String, String> properties = PaymentTestSupport.properties(db, kafka, topics, psp);
    properties.put("emporium.payment.processor.bulkhead.max-concurrent-calls", String.valueOf(BULKHEAD));
    PaymentTestSupport.register(registry, properties);
  }

  @AfterAll
  static void stopPsp() {
    psp.close();
  }

  @LocalServerPort int port;
  @Autowired CloudEventCodec codec;
  @Autowired EventSchemas schemas;
  @Autowired JsonMapper mapper;
  @Autowired JdbcClient jdbc;
  KafkaProducer<String, byte[]> producer;
  TopicReader paymentEvents;

  @BeforeEach
  void setUp() {
    producer = kafka.producer();
    paymentEvents = kafka.reader(topics.payments());
  }

  @AfterEach
  void tearDown() {
    psp.reset();
    producer.close();
    paymentEvents.close();
  }

  @Test
  void approvedChargePublishesPaymentProcessedWithTheOrdersItemsAndAmount() throws Exception {
    String order = UUID.randomUUID().toString();
    UUID kettle = UUID.randomUUID();
    UUID mug = UUID.randomUUID();

    send(orderCreated(codec, topics.orders(), order, "u-ada", "42.50", "tok_visa",
        List.of(item(kettle, 1, "35.00"), item(mug, 3, "2.50"))));

    ConsumerRecord<String, byte[]> event = awaitEvent(paymentEvents, order, "PaymentProcessed");
    assertThat(header(event, "ce_source")).isEqualTo("/services/payment");
    assertThat(header(event, "ce_subject")).isEqualTo(order);
    JsonNode data = mapper.readTree(event.value());
    assertThat(data.get("orderId").asString()).isEqualTo(order);
    assertThat(data.get("userId").asString()).isEqualTo("u-ada");
    assertThat(data.get("amount").decimalValue()).isEqualByComparingTo("42.50");
    assertThat(data.get("currency").asString()).isEqualTo("EUR");
    assertThat(UUID.fromString(data.get("paymentId").asString())).isNotNull();
    assertThat(data.get("items").valueStream().map(i -> i.get("productId").asString() + "x" + i.get("quantity").asInt()))
        .containsExactly(kettle + "x1", mug + "x3");
    assertThat(psp.moved(order)).isEqualTo(1);

    JsonNode payment = owner("u-ada").get("/api/payments/" + order).json();
    assertThat(payment.get("status").asString()).isEqualTo("CAPTURED");
    assertThat(payment.get("paymentId").asString()).isEqualTo(data.get("paymentId").asString());
    assertThat(payment.get("processorChargeId").asString()).startsWith("ch_");
    assertThat(payment.get("paymentMethod").asString()).isEqualTo("tok_visa");
    assertThat(payment.get("attempts").asInt()).isEqualTo(1);
    assertThat(payment.get("refunded").asBoolean()).isFalse();
    assertThat(steps(payment)).containsExactly("recorded", "charge-call", "captured");

    String metrics = HttpTestClient.forPort(port).get("/metrics").body();
    assertThat(metrics).contains("resilience4j_circuitbreaker_state{").contains("resilience4j_bulkhead_max_allowed_concurrent_calls")
        .containsPattern("emporium_payment_processor_calls_total\\{[^}]*operation=\"charge\",outcome=\"approved\"");
  }

  @Test
  void declinedCardPublishesPaymentFailedCardDeclined() throws Exception {
    String order = UUID.randomUUID().toString();

    send(orderCreated(codec, topics.orders(), order, "u-bob", "10.00", "tok_chargeDeclined",
        List.of(item(UUID.randomUUID(), 1, "10.00"))));

    JsonNode data = mapper.readTree(awaitEvent(paymentEvents, order, "PaymentFailed").value());
    assertThat(data.get("reason").asString()).isEqualTo("card-declined");
    assertThat(data.get("declineCode").asString()).isEqualTo("card_declined");
    assertThat(data.get("userId").asString()).isEqualTo("u-bob");
    JsonNode payment = owner("u-bob").get("/api/payments/" + order).json();
    assertThat(payment.get("status").asString()).isEqualTo("DECLINED");
    assertThat(payment.get("attempts").asInt()).as("a decline is an answer: never retried").isEqualTo(1);
    assertThat(psp.calls(order)).hasSize(1);
  }

  @Test
  void paymentDetailsTheProcessorCannotChargeFailAsInvalidPayment() throws Exception {
    String unknownMethod = UUID.randomUUID().toString();
    String cardNumber = UUID.randomUUID().toString();

    send(orderCreated(codec, topics.orders(), unknownMethod, "u-1", "5.00", "tok_unheardOf",
        List.of(item(UUID.randomUUID(), 1, "5.00"))));
    send(orderCreated(codec, topics.orders(), cardNumber, "u-1", "5.00", "4242 4242 4242 4242",
        List.of(item(UUID.randomUUID(), 1, "5.00"))));

    JsonNode rejected = mapper.readTree(awaitEvent(paymentEvents, unknownMethod, "PaymentFailed").value());
    assertThat(rejected.get("reason").asString()).isEqualTo("invalid-payment");
    assertThat(rejected.get("detail").asString()).contains("400");
    JsonNode card = mapper.readTree(awaitEvent(paymentEvents, cardNumber, "PaymentFailed").value());
    assertThat(card.get("reason").asString()).isEqualTo("invalid-payment");
    assertThat(psp.calls(cardNumber)).as("a card number is never sent anywhere").isEmpty();
    JsonNode payment = owner("u-1").get("/api/payments/" + cardNumber).json();
    assertThat(payment.get("paymentMethod").asString()).isEqualTo("****4242");
    assertThat(jdbc.sql("SELECT count(*) FROM payments WHERE payment_method LIKE '%4242 4242%'").query(Long.class)
        .single()).isZero();
  }

  @Test
  void slowProcessorBeyondTheTimeoutIsRetriedAndChargesExactlyOnce() throws Exception {
    String order = UUID.randomUUID().toString();
    psp.behave(Map.of("latencyMs", 2_600));

    send(orderCreated(codec, topics.orders(), order, "u-slow", "19.99", "tok_visa",
        List.of(item(UUID.randomUUID(), 1, "19.99"))));
    await().atMost(PaymentTestSupport.WAIT).until(() -> psp.arrived(order));
    psp.reset();

    awaitEvent(paymentEvents, order, "PaymentProcessed");
    JsonNode payment = owner("u-slow").get("/api/payments/" + order).json();
    int attempts = payment.get("attempts").asInt();
    assertThat(attempts).isGreaterThanOrEqualTo(2);
    assertThat(steps(payment)).contains("charge-call").last().isEqualTo("captured");
    assertThat(payment.get("timeline").get(1).get("detail").asString()).contains("timeout");
    // The first call, held past the timeout, still reaches the processor: its key makes it a replay.
    await().atMost(PaymentTestSupport.WAIT).until(() -> psp.calls(order).size() == attempts);
    assertThat(psp.moved(order)).isEqualTo(1);
  }

  @Test
  void orderCreatedDeliveredTwiceChargesOnce() throws Exception {
    String order = UUID.randomUUID().toString();
    ProducerRecord<String, byte[]> created = orderCreated(codec, topics.orders(), order, "u-2", "7.00", "tok_visa",
        List.of(item(UUID.randomUUID(), 2, "3.50")));

    send(created);
    send(created);
    // The order service publishing it again with a new event id (at least once) is absorbed too.
    String last = send(orderCreated(codec, topics.orders(), order, "u-2", "7.00", "tok_visa",
        List.of(item(UUID.randomUUID(), 2, "3.50"))));

    awaitEvent(paymentEvents, order, "PaymentProcessed");
    awaitProcessed("payment.record-order", last);
    assertThat(PaymentTestSupport.of(paymentEvents.drain(Duration.ofSeconds(1)), order)).hasSize(1);
    assertThat(psp.calls(order)).hasSize(1);
    assertThat(psp.moved(order)).isEqualTo(1);
  }

  @Test
  void cancellationAfterCaptureRefundsOnceEvenWhenDeliveredTwice() throws Exception {
    String order = UUID.randomUUID().toString();
    send(orderCreated(codec, topics.orders(), order, "u-3", "12.00", "tok_visa",
        List.of(item(UUID.randomUUID(), 1, "12.00"))));
    awaitEvent(paymentEvents, order, "PaymentProcessed");

    ProducerRecord<String, byte[]> cancelled = orderCancelled(codec, topics.orders(), order, "u-3",
        "insufficient-stock", "PAID");
    send(cancelled);
    send(cancelled);
    String last = send(orderCancelled(codec, topics.orders(), order, "u-3", "timeout", "PAID"));

    JsonNode refund = mapper.readTree(awaitEvent(paymentEvents, order, "PaymentRefunded").value());
    awaitProcessed("payment.compensate-cancellation", last);
    assertThat(refund.get("amount").decimalValue()).isEqualByComparingTo("12.00");
    assertThat(refund.get("currency").asString()).isEqualTo("EUR");
    assertThat(refund.get("reason").asString()).isEqualTo("insufficient-stock");
    assertThat(PaymentTestSupport.of(paymentEvents.drain(Duration.ofSeconds(1)), order))
        .extracting(PaymentTestSupport::type).containsExactly("PaymentProcessed", "PaymentRefunded");
    assertThat(psp.moved("refund-" + order)).isEqualTo(1);
    assertThat(psp.calls("refund-" + order)).hasSize(1);
    JsonNode payment = owner("u-3").get("/api/payments/" + order).json();
    assertThat(payment.get("status").asString()).isEqualTo("REFUNDED");
    assertThat(payment.get("refunded").asBoolean()).isTrue();
    assertThat(steps(payment)).endsWith("refund-requested", "refund-call", "refunded");
    JsonNode atProcessor = psp.client().get("/v1/charges/" + payment.get("processorChargeId").asString()).json();
    assertThat(atProcessor.get("amountRefunded").get("amount").asString()).isEqualTo("12.00");
  }

  @Test
  void theChargeAndTheRefundContinueTheTracesOfTheEventsThatAskedForThem() throws Exception {
    String order = UUID.randomUUID().toString();
    Traceparent placed = Traceparent.random();
    Traceparent cancelledBy = Traceparent.random();

    send(placed.on(orderCreated(codec, topics.orders(), order, "u-9", "5.00", "tok_visa",
        List.of(item(UUID.randomUUID(), 1, "5.00")))));
    Traceparent processed = Traceparent.of(awaitEvent(paymentEvents, order, "PaymentProcessed"));
    send(cancelledBy.on(orderCancelled(codec, topics.orders(), order, "u-9", "insufficient-stock", "PAID")));
    Traceparent refunded = Traceparent.of(awaitEvent(paymentEvents, order, "PaymentRefunded"));

    assertThat(processed.traceId()).isEqualTo(placed.traceId());
    assertThat(processed.spanId()).isNotEqualTo(placed.spanId());
    assertThat(refunded.traceId()).isEqualTo(cancelledBy.traceId());
    assertThat(refunded.spanId()).isNotEqualTo(cancelledBy.spanId());
  }

  /** A W3C {@code traceparent} of a sampled span. */
  record Traceparent(String traceId, String spanId) {

    static Traceparent random() {
      return new Traceparent(UUID.randomUUID().toString().replace("-", ""),
          UUID.randomUUID().toString().replace("-", "").substring(0, 16));
    }

    static Traceparent of(ConsumerRecord<String, byte[]> record) {
      String value = header(record, "traceparent");
      assertThat(value).as("traceparent of %s", type(record)).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
      return new Traceparent(value.substring(3, 35), value.substring(36, 52));
    }

    ProducerRecord<String, byte[]> on(ProducerRecord<String, byte[]> record) {
      record.headers().add("traceparent", ("00-" + traceId + "-" + spanId + "-01").getBytes(StandardCharsets.UTF_8));
      return record;
    }
  }

  @Test
  void cancellationBeforeTheOrderArrivesMeansItIsNeverCharged() throws Exception {
    String order = UUID.randomUUID().toString();

    awaitProcessed("payment.compensate-cancellation",
        send(orderCancelled(codec, topics.orders(), order, "u-4", "timeout", "PENDING")));
    awaitProcessed("payment.record-order", send(orderCreated(codec, topics.orders(), order, "u-4", "9.00",
        "tok_visa", List.of(item(UUID.randomUUID(), 1, "9.00")))));

    assertThat(PaymentTestSupport.of(paymentEvents.drain(Duration.ofSeconds(1)), order)).isEmpty();
    assertThat(psp.calls(order)).isEmpty();
    JsonNode payment = owner("u-4").get("/api/payments/" + order).json();
    assertThat(payment.get("status").asString()).isEqualTo("CANCELLED");
    assertThat(payment.get("attempts").asInt()).isZero();
  }

  @Test
  void chargeInFlightWhenTheCancellationArrivesIsRefundedWhenItReturnsApproved() throws Exception {
    String order = UUID.randomUUID().toString();
    psp.behave(Map.of("latencyMs", 1_500));
    send(orderCreated(codec, topics.orders(), order, "u-5", "30.00", "tok_visa",
        List.of(item(UUID.randomUUID(), 1, "30.00"))));
    await().atMost(PaymentTestSupport.WAIT).until(() -> psp.arrived(order));

    send(orderCancelled(codec, topics.orders(), order, "u-5", "timeout", "PENDING"));

    awaitEvent(paymentEvents, order, "PaymentRefunded");
    assertThat(PaymentTestSupport.of(paymentEvents.drain(Duration.ofSeconds(1)), order))
        .extracting(PaymentTestSupport::type).as("the cancelled order is not reported paid").containsExactly("PaymentRefunded");
    assertThat(psp.moved(order)).isEqualTo(1);
    assertThat(psp.moved("refund-" + order)).isEqualTo(1);
    JsonNode payment = owner("u-5").get("/api/payments/" + order).json();
    assertThat(payment.get("status").asString()).isEqualTo("REFUNDED");
    assertThat(steps(payment)).containsSubsequence("cancel-requested", "captured", "refund-requested", "refunded");
  }

  @Test
  void noMoreCallsThanTheBulkheadAllowsReachTheProcessorAtOnce() throws Exception {
    psp.behave(Map.of("latencyMs", 300));
    psp.resetMaxInProgress();
    List<String> orders = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      String order = UUID.randomUUID().toString();
      orders.add(order);
      send(orderCreated(codec, topics.orders(), order, "u-many", "1.00", "tok_visa",
          List.of(item(UUID.randomUUID(), 1, "1.00"))));
    }

    await().atMost(PaymentTestSupport.WAIT).until(() -> paymentEvents.drain(Duration.ofMillis(100)).stream()
        .filter(r -> orders.contains(r.key()) && "PaymentProcessed".equals(type(r))).count() == orders.size());
    assertThat(psp.maxInProgress()).isBetween(2, BULKHEAD);
    assertThat(orders).allSatisfy(order -> assertThat(psp.moved(order)).isEqualTo(1));
  }

  @Test
  void everyEmittedEventMatchesItsSchema() throws Exception {
    String paid = UUID.randomUUID().toString();
    String declined = UUID.randomUUID().toString();
    String invalid = UUID.randomUUID().toString();
    send(orderCreated(codec, topics.orders(), paid, "u-6", "3.10", "tok_visa", List.of(item(UUID.randomUUID(), 1, "3.10"))));
    send(orderCreated(codec, topics.orders(), declined, "u-6", "3.10", "tok_chargeDeclined",
        List.of(item(UUID.randomUUID(), 1, "3.10"))));
    send(orderCreated(codec, topics.orders(), invalid, "u-6", "0", "tok_visa", List.of(item(UUID.randomUUID(), 1, "0"))));
    awaitEvent(paymentEvents, paid, "PaymentProcessed");
    send(orderCancelled(codec, topics.orders(), paid, "u-6", "x".repeat(2_000), "PAID"));
    awaitEvent(paymentEvents, paid, "PaymentRefunded");
    awaitEvent(paymentEvents, declined, "PaymentFailed");
    awaitEvent(paymentEvents, invalid, "PaymentFailed");

    List<ConsumerRecord<String, byte[]>> all = paymentEvents.drain(Duration.ofMillis(200));
    for (ConsumerRecord<String, byte[]> record : all) {
      String json = new String(record.value(), StandardCharsets.UTF_8);
      assertThat(schemas.violations(type(record), json)).as(json).isEmpty();
      assertThat(header(record, "ce_subject")).isEqualTo(record.key());
      assertThat(header(record, "ce_dataschema")).isEqualTo("urn:emporium:events:" + type(record));
    }
    assertThat(all).extracting(PaymentTestSupport::type)
        .contains("PaymentProcessed", "PaymentFailed", "PaymentRefunded");
  }

  @Test
  void aPaymentIsShownToItsOwnerAndAdminsOnly() throws Exception {
    String order = UUID.randomUUID().toString();
    send(orderCreated(codec, topics.orders(), order, "u-owner", "4.00", "tok_visa",
        List.of(item(UUID.randomUUID(), 1, "4.00"))));
    awaitEvent(paymentEvents, order, "PaymentProcessed");

    assertThat(owner("u-owner").get("/api/payments/" + order).status()).isEqualTo(200);
    assertThat(HttpTestClient.forPort(port).as("admin-1", "admin").get("/api/payments/" + order).status()).isEqualTo(200);
    TestResponse someoneElse = owner("u-other").get("/api/payments/" + order);
    assertThat(someoneElse.status()).isEqualTo(404);
    assertThat(someoneElse.contentType()).startsWith("application/problem+json");
    assertThat(someoneElse.json().get("type").asString()).isEqualTo("urn:emporium:problem:not-found");
    assertThat(owner("u-owner").get("/api/payments/" + UUID.randomUUID()).status()).isEqualTo(404);
    assertThat(HttpTestClient.forPort(port).get("/api/payments/" + order).status()).isEqualTo(401);
    assertThat(owner("u-owner").get("/api/payments/" + order).header("Cache-Control")).isEqualTo("no-store");
  }

  @Test
  void anOrderCreatedWithoutAnOrderIdGoesToTheDeadLetterTopicAndChargesNothing() throws Exception {
    String key = UUID.randomUUID().toString();
    Map<String, Object> data = new java.util.HashMap<>(PaymentTestSupport.orderCreatedData(key, "u-7", "5.00", "tok_visa",
        List.of(item(UUID.randomUUID(), 1, "5.00"))));
    data.remove("orderId");
    try (TopicReader dlt = kafka.reader(DeadLetters.topicFor(topics.orders()))) {
      send(PaymentTestSupport.event(codec, topics.orders(), "OrderCreated", key, data));

      PaymentTestSupport.awaitEvents(dlt, key, records -> !records.isEmpty());
    }
    assertThat(psp.calls(key)).isEmpty();
    assertThat(jdbc.sql("SELECT count(*) FROM payments WHERE order_id = :o").param("o", key).query(Long.class).single())
        .isZero();
  }

  private HttpTestClient owner(String userId) {
    return HttpTestClient.forPort(port).as(userId, "customer");
  }

  private static List<String> steps(JsonNode payment) {
    return payment.get("timeline").valueStream().map(s -> s.get("step").asString()).toList();
  }

  /** Sends the record and returns its CloudEvents id. */
  private String send(ProducerRecord<String, byte[]> record) throws Exception {
    producer.send(record).get();
    return new String(record.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8);
  }

  /** Waits until {@code consumer} has processed the event with this id (later records of its key come after it). */
  private void awaitProcessed(String consumer, String eventId) {
    await().atMost(PaymentTestSupport.WAIT).until(() -> jdbc.sql(
            "SELECT count(*) FROM event_inbox WHERE consumer = :c AND event_id = :id")
        .param("c", consumer).param("id", eventId).query(Long.class).single() == 1);
  }
}
