package dev.emporium.gateway.resilience;

/** How one attempt to an endpoint ended, as breakers, outlier detection and retries judge it. */
public enum AttemptOutcome {
  /** A response head with a status below 500. */
  RESPONDED,
  /** A 5xx response head. */
  SERVER_ERROR,
  /** No connection could be made. */
  CONNECT_FAILURE,
  /** The connection or stream closed before a response head. */
  RESET,
  /** No response head within the request timeout. */
  TIMEOUT;

  public boolean isFailure() {
    return this != RESPONDED;
  }
}
