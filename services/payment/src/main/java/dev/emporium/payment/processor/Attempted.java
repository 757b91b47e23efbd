package dev.emporium.payment.processor;

import java.util.List;

/**
 * The result of one operation at the processor and what each HTTP call of it ended with
 * ({@code approved}, {@code timeout}, {@code http-503}...), so that the payment's timeline and its
 * attempt count show the retries. Calls refused before leaving (breaker open) are not among them.
 */
public record Attempted<T>(T result, List<String> calls) {

  public Attempted {
    calls = List.copyOf(calls);
  }
}
