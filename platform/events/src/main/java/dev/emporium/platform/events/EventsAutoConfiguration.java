package dev.emporium.platform.events;

import dev.emporium.platform.events.envelope.CloudEventCodec;
import dev.emporium.platform.events.inbox.Inbox;
import dev.emporium.platform.events.kafka.DeadLetters;
import dev.emporium.platform.events.kafka.EventTopics;
import dev.emporium.platform.events.kafka.KafkaHealthIndicator;
import dev.emporium.platform.events.outbox.OutboxConfiguration;
import dev.emporium.platform.events.schema.EventSchemas;
import dev.emporium.platform.events.trace.TraceContexts;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Everything a service needs to emit and consume events: CloudEvents codec, JSON Schemas, topic
 * declarations, the trace context that stored work carries, the outbox and its relay and the inbox (when the service has a database), the
 * listener error handler with its dead-letter topics, and the Kafka health indicator.
 */
@AutoConfiguration(afterName = {
    "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
    "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
    "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
    "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration"})
@EnableConfigurationProperties(EventsProperties.class)
public class EventsAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  EventSchemas eventSchemas() {
    return new EventSchemas(Thread.currentThread().getContextClassLoader());
  }

  @Bean
  CloudEventCodec cloudEventCodec(JsonMapper mapper) {
    return new CloudEventCodec(mapper);
  }

  @Bean
  TraceContexts traceContexts(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
    return new TraceContexts(tracer, propagator);
  }

  @Bean
  EventTopics eventTopics(EventsProperties properties) {
    return new EventTopics(properties.topics());
  }

  @Bean
  DeadLetters deadLetters(KafkaProperties kafka, EventsProperties properties, ObjectProvider<MeterRegistry> meters) {
    return new DeadLetters(new HashMap<>(kafka.buildProducerProperties()), properties.consumer(),
        meters.getIfAvailable());
  }

  /** Picked up by Spring Boot's listener container factory: retries, then the dead-letter topic. */
  @Bean
  @ConditionalOnMissingBean(CommonErrorHandler.class)
  CommonErrorHandler deadLetteringErrorHandler(DeadLetters deadLetters) {
    return deadLetters.errorHandler();
  }

  @Bean
  KafkaHealthIndicator kafkaHealthIndicator(KafkaProperties kafka) {
    Map<String, Object> config = new HashMap<>(kafka.buildAdminProperties());
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000);
    config.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "health-check");
    // An unreachable broker must not make this idle client spin: back off between attempts, and do
    // not rebootstrap in a loop (Kafka 4's default recovery strategy does, thousands of times a second).
    config.put(AdminClientConfig.METADATA_RECOVERY_STRATEGY_CONFIG, "none");
    config.put(AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, 500);
    config.put(AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, 1000);
    config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 10000);
    return new KafkaHealthIndicator(Admin.create(config), Duration.ofSeconds(2));
  }

  /** The outbox and the inbox live in the service's database. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnBean({JdbcClient.class, PlatformTransactionManager.class})
  @Import(OutboxConfiguration.class)
  static class PersistentEvents {

    @Bean
    Inbox inbox(JdbcClient jdbc, PlatformTransactionManager transactionManager, CloudEventCodec codec) {
      return new Inbox(jdbc, new TransactionTemplate(transactionManager), codec);
    }
  }
}
