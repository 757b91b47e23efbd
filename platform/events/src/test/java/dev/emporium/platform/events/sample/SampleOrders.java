package dev.emporium.platform.events.sample;

import dev.emporium.platform.events.DomainEvent;
import dev.emporium.platform.events.outbox.Outbox;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The producing side: a state change and its event in one transaction. */
@Service
public class SampleOrders {

  private final JdbcClient jdbc;
  private final Outbox outbox;
  private final String topic;

  SampleOrders(JdbcClient jdbc, Outbox outbox, @Value("${sample.topic}") String topic) {
    this.jdbc = jdbc;
    this.outbox = outbox;
    this.topic = topic;
  }

  @Transactional
  public void place(String orderId, int sequence) {
    insert(orderId, sequence);
    outbox.append(topic, new OrderPlaced(orderId, sequence));
  }

  @Transactional
  public void placeThenFail(String orderId) {
    insert(orderId, 0);
    outbox.append(topic, new OrderPlaced(orderId, 0));
    throw new IllegalStateException("payment declined after the event was written");
  }

  @Transactional
  public void placeOn(String otherTopic, DomainEvent event) {
    outbox.append(otherTopic, event);
  }

  public int count(String orderId) {
    return jdbc.sql("SELECT count(*) FROM sample_orders WHERE order_id = :id").param("id", orderId)
        .query(Integer.class).single();
  }

  private void insert(String orderId, int sequence) {
    jdbc.sql("INSERT INTO sample_orders (order_id, sequence) VALUES (:id, :seq)")
        .param("id", orderId).param("seq", sequence).update();
  }
}
