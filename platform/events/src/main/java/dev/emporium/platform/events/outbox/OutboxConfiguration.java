package dev.emporium.platform.events.outbox;

import dev.emporium.platform.events.EventsProperties;
import dev.emporium.platform.events.envelope.CloudEventCodec;
import dev.emporium.platform.events.schema.EventSchemas;
import dev.emporium.platform.events.trace.TraceContexts;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The outbox and its relay, for a service with a data source (imported by the auto-configuration). */
@Configuration(proxyBeanMethods = false)
public class OutboxConfiguration {

  @Bean
  OutboxRepository outboxRepository(JdbcClient jdbc, JsonMapper mapper) {
    return new OutboxRepository(jdbc, mapper);
  }

  @Bean
  Outbox outbox(OutboxRepository repository, JsonMapper mapper, EventSchemas schemas, EventsProperties properties,
      TraceContexts traceContexts, ObjectProvider<OutboxRelay> relay) {
    // The relay is looked up once, on the first event: not for every event a transaction stores.
    SingletonSupplier<OutboxRelay> relayOnce = SingletonSupplier.of(relay::getIfAvailable);
    return new Outbox(repository, mapper, schemas, properties.validateOutgoing(), traceContexts, () -> {
      OutboxRelay found = relayOnce.get();
      if (found != null) found.wakeUp();
    }, Clock.systemUTC());
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnBooleanProperty(name = "emporium.events.outbox.enabled", matchIfMissing = true)
  KafkaProducer<String, byte[]> outboxProducer(KafkaProperties kafka, EventsProperties properties) {
    Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
    long sendTimeout = properties.outbox().sendTimeout().toMillis();
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay-" + properties.source().getPath().replace('/', '-'));
    // Fail a send within the relay's budget rather than Kafka's defaults (60 s blocked, 120 s delivery).
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, sendTimeout);
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(1000, sendTimeout / 2));
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(1000, sendTimeout / 2) + 1000);
    return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
  }

  @Bean
  @ConditionalOnBooleanProperty(name = "emporium.events.outbox.enabled", matchIfMissing = true)
  OutboxRelay outboxRelay(OutboxRepository repository, KafkaProducer<String, byte[]> outboxProducer,
      CloudEventCodec codec, EventsProperties properties, PlatformTransactionManager transactionManager,
      ObjectProvider<MeterRegistry> meters) {
    return new OutboxRelay(repository, outboxProducer, codec, properties.source(), properties.outbox(),
        new TransactionTemplate(transactionManager), meters.getIfAvailable());
  }
}
