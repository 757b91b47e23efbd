package dev.emporium.platform.events.envelope;

/** A record that is not a readable CloudEvent: retrying cannot help, so it goes straight to the DLT. */
public class MalformedEventException extends RuntimeException {

  public MalformedEventException(String message, Throwable cause) {
    super(message, cause);
  }
}
