package dev.emporium.deploy.observability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Prometheus's own checker, {@code promtool} (Debian package {@code prometheus}), so that
 * configuration, rules and rule unit tests are judged by the parser Prometheus itself uses.
 * {@code -Demporium.promtool=PATH} points elsewhere.
 */
final class Promtool {

  static final Path BINARY = Path.of(System.getProperty("emporium.promtool", "/usr/bin/promtool"));
  private static final long TIMEOUT_SECONDS = 300;

  record Result(int exitCode, String output) {
    boolean succeeded() {
      return exitCode == 0;
    }
  }

  private Promtool() {}

  /** Runs {@code promtool args...} in {@code workDir}; output is stdout and stderr together. */
  static Result run(Path workDir, String... args) {
    if (!Files.isExecutable(BINARY)) {
      throw new IllegalStateException(BINARY + " is missing: install the Debian package 'prometheus' "
          + "(or point -Demporium.promtool at a promtool binary)");
    }
    List<String> command = new ArrayList<>();
    command.add(BINARY.toString());
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
      process.getOutputStream().close();
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("promtool " + String.join(" ", args) + " took over " + TIMEOUT_SECONDS + " s");
      }
      return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
