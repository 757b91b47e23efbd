package dev.emporium.payment.processor;

import dev.emporium.payment.PaymentProperties;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * The resilience around the card processor, built once from {@code emporium.payment.processor.*}:
 * a retry (only of calls that got no answer), one circuit breaker and one bulkhead named
 * {@code processor}, with their Micrometer metrics ({@code resilience4j_circuitbreaker_state},
 * {@code resilience4j_circuitbreaker_calls_seconds}, {@code resilience4j_retry_calls_total},
 * {@code resilience4j_bulkhead_available_concurrent_calls}...).
 */
@Configuration(proxyBeanMethods = false)
class ProcessorResilience {

  static final String NAME = "processor";
  private static final Logger log = LoggerFactory.getLogger(ProcessorResilience.class);

  @Bean
  CircuitBreaker processorCircuitBreaker(PaymentProperties properties, MeterRegistry meters) {
    PaymentProperties.Breaker breaker = properties.processor().breaker();
    CircuitBreakerConfig config = CircuitBreakerConfig.custom()
        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
        .slidingWindowSize(breaker.slidingWindowSize())
        .minimumNumberOfCalls(breaker.minimumCalls())
        .failureRateThreshold(breaker.failureRateThreshold())
        .waitDurationInOpenState(breaker.openDuration())
        .permittedNumberOfCallsInHalfOpenState(breaker.halfOpenCalls())
        // Half-open when the open time is over even without traffic, so that the state metric is true.
        .automaticTransitionFromOpenToHalfOpenEnabled(true)
        // Only a call without an answer is a failure: a decline is the processor working.
        .recordExceptions(ProcessorUnavailableException.class)
        // Calls have a timeout of their own; a slow answer within it is not a failure.
        .slowCallDurationThreshold(Duration.ofDays(1))
        .build();
    CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(config);
    CircuitBreaker circuitBreaker = registry.circuitBreaker(NAME);
    circuitBreaker.getEventPublisher().onStateTransition(event ->
        log.warn("processor circuit breaker: {}", event.getStateTransition()));
    TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
    return circuitBreaker;
  }

  @Bean
  Retry processorRetry(PaymentProperties properties, MeterRegistry meters) {
    PaymentProperties.Retry retry = properties.processor().retry();
    RetryConfig config = RetryConfig.custom()
        .maxAttempts(retry.maxRetries() + 1)
        .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(retry.initialDelay(), retry.multiplier(),
            retry.jitter()))
        // Never a 402 or another answer (those are results), never a call the breaker refused.
        .retryOnException(e -> e instanceof ProcessorUnavailableException)
        .failAfterMaxAttempts(false)
        .build();
    RetryRegistry registry = RetryRegistry.of(config);
    TaggedRetryMetrics.ofRetryRegistry(registry).bindTo(meters);
    return registry.retry(NAME);
  }

  @Bean
  Bulkhead processorBulkhead(PaymentProperties properties, MeterRegistry meters) {
    BulkheadConfig config = BulkheadConfig.custom()
        .maxConcurrentCalls(properties.processor().bulkhead().maxConcurrentCalls())
        // The charger takes no more payments than there are permits, so a call never has to queue;
        // a short wait only absorbs the moment between one call's end and its permit's release.
        .maxWaitDuration(Duration.ofSeconds(1))
        .build();
    BulkheadRegistry registry = BulkheadRegistry.of(config);
    TaggedBulkheadMetrics.ofBulkheadRegistry(registry).bindTo(meters);
    return registry.bulkhead(NAME);
  }

  @Bean
  CardProcessor cardProcessor(PaymentProperties properties, JsonMapper mapper, ObservationRegistry observations,
      CircuitBreaker processorCircuitBreaker, Retry processorRetry, Bulkhead processorBulkhead, MeterRegistry meters) {
    return new CardProcessor(new ProcessorClient(properties.processor(), mapper, observations),
        processorRetry, processorCircuitBreaker, processorBulkhead, meters);
  }
}
