package dev.emporium.notification.delivery;

import java.util.Locale;

/** How a delivery ended without failing. */
public enum Outcome {
  /** Sent to the mail server or the provider. */
  DELIVERED,
  /** Already sent under the job's id (a duplicate job): nothing sent again. */
  DUPLICATE,
  /** Nothing to send on this channel (an SMS for a user without a phone number). */
  SKIPPED;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
