package dev.emporium.notification.job;

/** A queued job that cannot be read: retrying cannot help, so it goes to the dead-letter queue at once. */
public class MalformedJobException extends RuntimeException {

  public MalformedJobException(String message, Throwable cause) {
    super(message, cause);
  }
}
