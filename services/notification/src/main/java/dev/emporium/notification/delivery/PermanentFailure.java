package dev.emporium.notification.delivery;

/**
 * A delivery that no retry can make succeed (an unknown user, an address the mail server refuses,
 * a message the provider rejects as invalid): the job goes to the dead-letter queue at once. Any
 * other exception from a delivery counts as transient and is retried.
 */
public class PermanentFailure extends RuntimeException {

  public PermanentFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
