package dev.emporium.payment.processor;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The card processor as the payment service uses it: each call is bounded by the bulkhead, counted
 * by the circuit breaker, limited by its timeout, and retried with backoff when it got no answer.
 * The order, outermost first: retry, breaker, bulkhead, call. The breaker sees every attempt (so a
 * failing processor opens it within one window, not one payment's retries), and a permit of the
 * bulkhead is held only while a call is on the wire, never during a pause between retries.
 *
 * <p>Calls block (the charger runs each payment on a virtual thread); nothing here ever runs inside
 * a database transaction or a Kafka listener.
 */
public class CardProcessor {

  private final ProcessorClient client;
  private final Retry retry;
  private final CircuitBreaker breaker;
  private final Bulkhead bulkhead;
  private final MeterRegistry meters;

  CardProcessor(ProcessorClient client, Retry retry, CircuitBreaker breaker, Bulkhead bulkhead, MeterRegistry meters) {
    this.client = client;
    this.retry = retry;
    this.breaker = breaker;
    this.bulkhead = bulkhead;
    this.meters = meters;
  }

  /** Charges the order, with the order id as idempotency key. */
  public Attempted<ChargeResult> charge(ChargeRequest request) {
    return run("charge", () -> client.charge(request), CardProcessor::outcome, ChargeResult.Unavailable::new);
  }

  /** Refunds all of the order's charge, with an idempotency key derived from the order id. */
  public Attempted<RefundResult> refund(String orderId, String chargeId) {
    return run("refund", () -> client.refund(orderId, chargeId), CardProcessor::outcome, RefundResult.Unavailable::new);
  }

  private <T> Attempted<T> run(String operation, Supplier<T> call, Function<T, String> outcomeOf,
      Function<String, T> unavailable) {
    List<String> calls = Collections.synchronizedList(new ArrayList<>());
    Supplier<T> recorded = () -> {
      try {
        T result = call.get();
        record(operation, outcomeOf.apply(result), calls);
        return result;
      } catch (ProcessorUnavailableException e) {
        record(operation, e.outcome(), calls);
        throw e;
      }
    };
    Supplier<T> resilient = Retry.decorateSupplier(retry,
        CircuitBreaker.decorateSupplier(breaker, Bulkhead.decorateSupplier(bulkhead, recorded)));
    try {
      return new Attempted<>(resilient.get(), calls);
    } catch (ProcessorUnavailableException e) {
      return new Attempted<>(unavailable.apply(e.getMessage() + " (" + calls.size() + " calls)"), calls);
    } catch (CallNotPermittedException e) {
      count(operation, "breaker-open");
      return new Attempted<>(unavailable.apply("the processor circuit breaker is open"), calls);
    } catch (BulkheadFullException e) {
      count(operation, "bulkhead-full");
      return new Attempted<>(unavailable.apply("too many concurrent calls to the processor"), calls);
    }
  }

  private void record(String operation, String outcome, List<String> calls) {
    calls.add(outcome);
    count(operation, outcome);
  }

  private void count(String operation, String outcome) {
    Counter.builder("emporium.payment.processor.calls")
        .description("Calls to the card processor by operation and outcome (breaker-open and bulkhead-full: not sent)")
        .tag("operation", operation).tag("outcome", outcome).register(meters).increment();
  }

  private static String outcome(ChargeResult result) {
    return switch (result) {
      case ChargeResult.Approved a -> "approved";
      case ChargeResult.Declined d -> "declined";
      case ChargeResult.Rejected r -> "rejected";
      case ChargeResult.Unavailable u -> "unavailable";
    };
  }

  private static String outcome(RefundResult result) {
    return switch (result) {
      case RefundResult.Refunded r -> "refunded";
      case RefundResult.Refused r -> "refused";
      case RefundResult.Unavailable u -> "unavailable";
    };
  }
}
