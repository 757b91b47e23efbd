package dev.emporium.platform.testing;

import java.time.Duration;

/**
 * Runs a clean-up at JVM exit, after Spring Boot's own shutdown hook has closed the test contexts.
 * Shutdown hooks run concurrently; stopping the broker (or dropping a database) while a cached
 * context still closes its consumers makes each of them wait out its close timeout (30 s).
 */
final class AfterSpringShutdown {

  private static final String SPRING_HOOK = "SpringApplicationShutdownHook";
  private static final Duration WAIT = Duration.ofSeconds(20);

  private AfterSpringShutdown() {}

  /** The JVM starts all hooks at once, in no order: give Spring's a moment to appear. */
  private static Thread findSpringHook() {
    long deadline = System.nanoTime() + Duration.ofMillis(500).toNanos();
    do {
      for (Thread thread : Thread.getAllStackTraces().keySet()) {
        if (SPRING_HOOK.equals(thread.getName())) {
          return thread;
        }
      }
      Thread.onSpinWait();
    } while (System.nanoTime() < deadline);
    return null;
  }

  static void register(String name, Runnable cleanup) {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      Thread spring = findSpringHook();
      if (spring != null) {
        try {
          spring.join(WAIT.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      cleanup.run();
    }, name));
  }
}
