package dev.emporium.notification.delivery;

/**
 * Names Jakarta Mail's stream provider in its system property, unless something already has.
 * Without it, Jakarta Mail looks the provider up through {@link java.util.ServiceLoader} for every
 * message and every part: a class-path scan each time, several per cent of a busy platform's CPU.
 */
final class JakartaMailProviders {

  static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";
  static final String ANGUS_STREAM_PROVIDER = "org.eclipse.angus.mail.util.MailStreamProvider";

  private JakartaMailProviders() {}

  static void nameThemOnce() {
    System.getProperties().putIfAbsent(STREAM_PROVIDER, ANGUS_STREAM_PROVIDER);
  }
}
