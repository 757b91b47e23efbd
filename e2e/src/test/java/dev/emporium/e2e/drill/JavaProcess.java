package dev.emporium.e2e.drill;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A JVM of its own running {@code mainClass} on this test's class path, its output in a log file.
 * A drill kills it ({@link #kill}: SIGKILL, nothing gets to clean up) or stops it ({@link #stop}:
 * SIGTERM, the process's shutdown hooks run).
 */
final class JavaProcess implements AutoCloseable {

  /** Small heaps and a quick JIT: a drill runs several services on two cores, briefly. */
  private static final List<String> JVM_OPTIONS = List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
      "--enable-native-access=ALL-UNNAMED");

  private final String name;
  private final Process process;

  private JavaProcess(String name, Process process) {
    this.name = name;
    this.process = process;
  }

  static JavaProcess start(String name, String mainClass, List<String> arguments, Map<String, String> environment,
      Path log) {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(JVM_OPTIONS);
    command.add("-cp");
    command.add(classPath());
    command.add(mainClass);
    command.addAll(arguments);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(environment);
    try {
      return new JavaProcess(name, builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  /** The test JVM's class path; the test runner keeps the full one in a property of its own. */
  private static String classPath() {
    String full = System.getProperty("surefire.test.class.path");
    return full != null && !full.isBlank() ? full : System.getProperty("java.class.path");
  }

  String name() {
    return name;
  }

  boolean alive() {
    return process.isAlive();
  }

  /** SIGKILL: the process dies at once, mid-whatever it was doing. */
  void kill() {
    process.destroyForcibly();
    await(Duration.ofSeconds(10));
  }

  /** SIGTERM, then waits for the process to end. */
  void stop() {
    process.destroy();
    if (!await(Duration.ofSeconds(30))) {
      kill();
    }
  }

  private boolean await(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      stop();
    }
  }
}
