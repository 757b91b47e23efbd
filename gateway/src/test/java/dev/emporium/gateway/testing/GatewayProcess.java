package dev.emporium.gateway.testing;

import dev.emporium.gateway.Gateway;
import dev.emporium.gateway.GatewayOptions;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A gateway in a JVM of its own, for tests that measure the gateway alone (its memory, with a heap
 * cap of the test's choosing) rather than the test JVM it would otherwise share.
 *
 * <p>{@link #main} is the child's entry point: it starts a gateway on the given configuration file,
 * prints {@code READY <public port> <admin port>}, and shuts the gateway down when its standard
 * input closes, so a parent that dies never leaves a gateway behind.
 */
public final class GatewayProcess implements AutoCloseable {

  private final Process process;
  private final int port;
  private final int adminPort;
  private final Path dir;
  private final Path stderr;

  private GatewayProcess(Process process, int port, int adminPort, Path dir) {
    this.process = process;
    this.port = port;
    this.adminPort = adminPort;
    this.dir = dir;
    this.stderr = dir.resolve("stderr.log");
  }

  public static void main(String[] args) throws IOException {
    Gateway gateway = Gateway.start(GatewayOptions.of(Path.of(args[0])));
    System.out.println("READY " + gateway.port("public") + " " + gateway.adminPort());
    System.out.flush();
    while (System.in.read() >= 0) {
      // Runs until the parent closes our standard input.
    }
    gateway.shutdown();
    System.exit(0);
  }

  /**
   * Starts a gateway JVM on {@code yaml} (with the harness's standard preamble) and waits until it
   * listens.
   *
   * @param jvmOptions e.g. {@code -Xmx64m}
   */
  public static GatewayProcess start(String yaml, List<String> jvmOptions) {
    try {
      Path dir = Files.createTempDirectory("emporium-gateway-process");
      Path config = dir.resolve("gateway.yaml");
      Files.writeString(config, GatewayHarness.withPreamble(yaml, dir));
      Path stderr = dir.resolve("stderr.log");
      List<String> command = new ArrayList<>();
      command.add(ProcessHandle.current().info().command().orElse(
          System.getProperty("java.home") + File.separator + "bin" + File.separator + "java"));
      command.addAll(jvmOptions);
      command.add("--enable-native-access=ALL-UNNAMED");
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add(GatewayProcess.class.getName());
      command.add(config.toString());
      Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
      BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("READY ")) {
          String[] parts = line.split(" ");
          return new GatewayProcess(process, Integer.parseInt(parts[1]), Integer.parseInt(parts[2]), dir);
        }
      }
      process.waitFor(5, TimeUnit.SECONDS);
      throw new IllegalStateException("the gateway process exited before listening:\n" + Files.readString(stderr));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public int port() {
    return port;
  }

  public int adminPort() {
    return adminPort;
  }

  public long pid() {
    return process.pid();
  }

  public boolean alive() {
    return process.isAlive();
  }

  /** Resident set size of the gateway process now, in bytes, from /proc. */
  public long residentBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
      throw new IllegalStateException("no VmRSS for " + process.pid());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What the gateway process wrote to its standard error, for a failing test's message. */
  public String stderr() {
    try {
      return Files.readString(stderr);
    } catch (IOException e) {
      return "(cannot read " + stderr + ": " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    try {
      process.getOutputStream().close();
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    try (var files = Files.list(dir)) {
      for (Path file : files.toList()) Files.deleteIfExists(file);
      Files.deleteIfExists(dir);
    } catch (IOException ignored) {
      // A leftover temporary directory is no reason to fail a test.
    }
  }
}
