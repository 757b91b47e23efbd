package dev.emporium.order.saga;

import dev.emporium.order.saga.SagaTranslation.Translated;
import dev.emporium.platform.events.envelope.CloudEventCodec;
import dev.emporium.platform.events.envelope.IncomingEvent;
import dev.emporium.platform.events.inbox.Inbox;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The order service's listeners on the payment, inventory and shipping topics. Each event type the
 * order reacts to runs through the inbox, in one transaction with the record of its id, so a
 * redelivered event changes nothing; other types on these topics are skipped before the inbox.
 */
@Component
class SagaListeners {

  static final String PAYMENTS = "order.on-payment-events";
  static final String INVENTORY = "order.on-inventory-events";
  static final String SHIPPING = "order.on-shipping-events";

  private final Inbox inbox;
  private final CloudEventCodec codec;
  private final OrderSaga saga;

  SagaListeners(Inbox inbox, CloudEventCodec codec, OrderSaga saga) {
    this.inbox = inbox;
    this.codec = codec;
    this.saga = saga;
  }

  @KafkaListener(id = PAYMENTS, topics = "${emporium.order.payment-topic}", groupId = "${emporium.order.consumer-group}",
      concurrency = "${emporium.order.listener-concurrency:3}")
  void onPayment(ConsumerRecord<String, byte[]> record) {
    handle(PAYMENTS, record);
  }

  @KafkaListener(id = INVENTORY, topics = "${emporium.order.inventory-topic}",
      groupId = "${emporium.order.consumer-group}", concurrency = "${emporium.order.listener-concurrency:3}")
  void onInventory(ConsumerRecord<String, byte[]> record) {
    handle(INVENTORY, record);
  }

  @KafkaListener(id = SHIPPING, topics = "${emporium.order.shipping-topic}", groupId = "${emporium.order.consumer-group}",
      concurrency = "${emporium.order.listener-concurrency:3}")
  void onShipping(ConsumerRecord<String, byte[]> record) {
    handle(SHIPPING, record);
  }

  private void handle(String consumer, ConsumerRecord<String, byte[]> record) {
    IncomingEvent event = codec.read(record);
    Optional<Translated> translated = SagaTranslation.translate(event);
    if (translated.isPresent()) {
      inbox.process(consumer, event, e -> saga.apply(translated.get().orderId(), translated.get().event()));
    }
  }
}
