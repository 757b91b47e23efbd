package dev.emporium.payment.processor;

/**
 * A call that got no usable answer: it timed out, could not connect, or was answered 5xx or 429.
 * The only failure that is retried and that counts against the circuit breaker; a decline or a
 * refused request is an answer, not a failure.
 */
class ProcessorUnavailableException extends RuntimeException {

  private final String outcome;

  ProcessorUnavailableException(String outcome, String message, Throwable cause) {
    super(message, cause);
    this.outcome = outcome;
  }

  /** A short name for the metrics and the timeline: {@code timeout}, {@code connect-failure}, {@code http-503}. */
  String outcome() {
    return outcome;
  }
}
