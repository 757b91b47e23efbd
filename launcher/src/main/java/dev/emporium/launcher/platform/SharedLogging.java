package dev.emporium.launcher.platform;

import org.slf4j.bridge.SLF4JBridgeHandler;
import org.springframework.boot.logging.LoggingSystem;

/**
 * One logging configuration for every service in this JVM. Spring Boot resets the logging system
 * of the JVM as each application context starts; several services starting at once would reset the
 * one shared Logback context concurrently, which Logback does not allow. So the platform keeps the
 * configuration it started with ({@code logback.xml}) and tells Spring Boot to leave logging alone.
 */
public final class SharedLogging {

  private static boolean installed;

  private SharedLogging() {}

  /** Takes over logging for this JVM; idempotent, and must run before the first service starts. */
  public static synchronized void install() {
    if (installed) {
      return;
    }
    System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
    // java.util.logging (used by some libraries) goes to the same place, through SLF4J.
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    installed = true;
  }
}
