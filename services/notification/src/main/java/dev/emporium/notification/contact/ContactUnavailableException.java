package dev.emporium.notification.contact;

/** The user service did not answer, or not usefully: the job is retried later. */
public class ContactUnavailableException extends RuntimeException {

  public ContactUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
