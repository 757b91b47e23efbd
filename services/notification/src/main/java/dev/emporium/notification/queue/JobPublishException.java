package dev.emporium.notification.queue;

/** The broker did not confirm a job in time, refused it, or had no queue for it: it is not safely queued. */
public class JobPublishException extends RuntimeException {

  public JobPublishException(String message, Throwable cause) {
    super(message, cause);
  }
}
