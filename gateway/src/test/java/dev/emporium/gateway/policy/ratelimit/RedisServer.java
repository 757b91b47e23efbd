package dev.emporium.gateway.policy.ratelimit;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} of the test's own, on a free loopback port, without persistence, so
 * that a test can kill or pause it without touching any Redis the machine runs. Also a minimal
 * RESP client for the test's own checks (keys, TTLs, client connections).
 */
final class RedisServer implements AutoCloseable {

  private final int port;
  private final Path dir;
  private Process process;

  private RedisServer(int port, Path dir) {
    this.port = port;
    this.dir = dir;
  }

  static RedisServer start() {
    RedisServer server = on(freePort());
    server.launch();
    return server;
  }

  /** A server for the given port, not yet started: {@link #launch()} starts it. */
  static RedisServer on(int port) {
    try {
      return new RedisServer(port, Files.createTempDirectory("emporium-redis"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts (again) on the same port. */
  void launch() {
    try {
      process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
          "--save", "", "--appendonly", "no", "--dir", dir.toString())
          .redirectErrorStream(true)
          .redirectOutput(dir.resolve("redis.log").toFile())
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start redis-server (is it installed?)", e);
    }
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < end) {
      try {
        if ("PONG".equals(command("PING"))) return;
      } catch (RuntimeException e) {
        // not up yet
      }
      sleep(20);
    }
    throw new IllegalStateException("redis-server did not answer on port " + port + " within 10 s");
  }

  int port() {
    return port;
  }

  String uri() {
    return "redis://127.0.0.1:" + port;
  }

  /** A key prefix no other test or run uses. */
  static String uniquePrefix() {
    return "test:" + UUID.randomUUID().toString().substring(0, 8) + ":";
  }

  /** Kills it at once (SIGKILL), as a crash would. */
  void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Freezes it (SIGSTOP): connections stay open and nothing is answered, as with a hung server. */
  void pause() {
    signal("STOP");
  }

  void resume() {
    signal("CONT");
  }

  private void signal(String name) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
      if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) throw new IllegalStateException("kill -" + name + " failed");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Keys matching a pattern. */
  List<String> keys(String pattern) {
    @SuppressWarnings("unchecked")
    List<Object> reply = (List<Object>) command("KEYS", pattern);
    return reply.stream().map(String::valueOf).toList();
  }

  /** Client connections other than the one asking. */
  int clients() {
    String list = (String) command("CLIENT", "LIST");
    return (int) list.lines().filter(l -> !l.isBlank()).count() - 1;
  }

  /** Sends one command on a fresh connection and returns the reply (String, Long, List or null). */
  Object command(String... args) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      socket.setSoTimeout(2000);
      OutputStream out = socket.getOutputStream();
      StringBuilder sb = new StringBuilder("*").append(args.length).append("\r\n");
      for (String a : args) {
        byte[] bytes = a.getBytes(StandardCharsets.UTF_8);
        sb.append('$').append(bytes.length).append("\r\n").append(a).append("\r\n");
      }
      out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
      out.flush();
      return read(new BufferedInputStream(socket.getInputStream()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Object read(InputStream in) throws IOException {
    int type = in.read();
    String line = line(in);
    switch (type) {
      case '+':
        return line;
      case '-':
        throw new IllegalStateException("Redis: " + line);
      case ':':
        return Long.parseLong(line);
      case '$': {
        int length = Integer.parseInt(line);
        if (length < 0) return null;
        byte[] data = in.readNBytes(length);
        line(in);
        return new String(data, StandardCharsets.UTF_8);
      }
      case '*': {
        int count = Integer.parseInt(line);
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < count; i++) items.add(read(in));
        return items;
      }
      default:
        throw new IOException("unexpected RESP type " + type);
    }
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\r') {
        in.read();
        break;
      }
      sb.append((char) c);
    }
    return sb.toString();
  }

  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      resume();
      kill();
    }
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A temp directory left behind is harmless.
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
