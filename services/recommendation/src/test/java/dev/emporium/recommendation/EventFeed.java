package dev.emporium.recommendation;

import static dev.emporium.recommendation.RecommendationTestSupport.eventId;
import static dev.emporium.recommendation.RecommendationTestSupport.orderCompletedData;
import static dev.emporium.recommendation.RecommendationTestSupport.orderEvent;
import static dev.emporium.recommendation.RecommendationTestSupport.productEvent;
import static org.awaitility.Awaitility.await;

import dev.emporium.platform.events.envelope.CloudEventCodec;
import dev.emporium.platform.testing.InProcessKafka;
import dev.emporium.recommendation.RecommendationTestSupport.Line;
import dev.emporium.recommendation.RecommendationTestSupport.ProductFixture;
import dev.emporium.recommendation.RecommendationTestSupport.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Plays the product and order services for a test: sends their events and waits until the service
 * has processed them (their ids are in its inbox), so that a test then reads settled statistics.
 */
public final class EventFeed implements AutoCloseable {

  public static final String CATALOG_CONSUMER = "recommendation.copy-product";
  public static final String PURCHASES_CONSUMER = "recommendation.count-completed-order";

  private final KafkaProducer<String, byte[]> producer;
  private final CloudEventCodec codec;
  private final Topics topics;
  private final JdbcClient jdbc;
  private final List<String[]> pending = new ArrayList<>();

  public EventFeed(InProcessKafka kafka, CloudEventCodec codec, Topics topics, JdbcClient jdbc) {
    this.producer = kafka.producer();
    this.codec = codec;
    this.topics = topics;
    this.jdbc = jdbc;
  }

  /** A new active product of {@code category}, version 1, created at {@code createdAt}. */
  public ProductFixture product(String name, String amount, String category, Instant createdAt) {
    ProductFixture product = new ProductFixture(UUID.randomUUID(), 1, name, amount, category, true, createdAt);
    created(product);
    return product;
  }

  public ProductFixture product(String name, String category) {
    return product(name, "10.00", category, Instant.now().minus(Duration.ofDays(60)));
  }

  public String created(ProductFixture product) {
    return sendExpectingProcessing(CATALOG_CONSUMER,
        productEvent(codec, topics.products(), "ProductCreated", product));
  }

  public String updated(ProductFixture product) {
    return sendExpectingProcessing(CATALOG_CONSUMER,
        productEvent(codec, topics.products(), "ProductUpdated", product));
  }

  /** A completed order of {@code user}, completed now; returns its order id. */
  public String completed(String user, Line... lines) {
    return completedAt(Instant.now(), user, lines);
  }

  public String completedAt(Instant at, String user, Line... lines) {
    String order = UUID.randomUUID().toString();
    send(completedRecord(order, user, at, lines));
    return order;
  }

  public ProducerRecord<String, byte[]> completedRecord(String order, String user, Instant at, Line... lines) {
    return orderEvent(codec, topics.orders(), "OrderCompleted", order,
        orderCompletedData(order, user, List.of(lines), at));
  }

  /** Sends an order event the service processes through its inbox; {@link #awaitProcessed} waits for it. */
  public String send(ProducerRecord<String, byte[]> record) {
    return sendExpectingProcessing(PURCHASES_CONSUMER, record);
  }

  /** Sends a record the service is expected to skip, and returns the partition it landed on. */
  public int sendIgnored(ProducerRecord<String, byte[]> record) {
    return sendNow(record).partition();
  }

  /** Sends {@code record} to one partition, whatever its key, and expects it processed. */
  public String sendTo(int partition, ProducerRecord<String, byte[]> record) {
    return send(new ProducerRecord<>(record.topic(), partition, record.key(), record.value(), record.headers()));
  }

  /** Waits until every event sent for processing is in the service's inbox. */
  public void awaitProcessed() {
    List<String[]> expected = List.copyOf(pending);
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> expected.stream()
        .allMatch(e -> jdbc.sql("SELECT count(*) FROM event_inbox WHERE consumer = :c AND event_id = :id")
            .param("c", e[0]).param("id", e[1]).query(Long.class).single() == 1));
    pending.removeAll(expected);
  }

  private String sendExpectingProcessing(String consumer, ProducerRecord<String, byte[]> record) {
    sendNow(record);
    String id = eventId(record);
    pending.add(new String[] {consumer, id});
    return id;
  }

  private RecordMetadata sendNow(ProducerRecord<String, byte[]> record) {
    try {
      return producer.send(record).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
