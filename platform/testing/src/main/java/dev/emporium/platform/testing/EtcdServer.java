package dev.emporium.platform.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real etcd server of a test's own: {@code /usr/bin/etcd} (Debian package {@code etcd-server};
 * {@code EMPORIUM_TEST_ETCD} names another binary) as a one-member cluster on free loopback ports,
 * with its data in a temporary directory. {@link #stop()} and {@link #restart()} take it down and
 * bring it back on the same ports with the same data, for outage tests; {@link #wipe()} brings it
 * back empty, as a rebuilt cluster would be. Closing it, or the JVM's exit, stops it and deletes
 * its data.
 *
 * <p>It also speaks a few words of etcd's JSON API, enough for tests to play a service that
 * registers or goes away ({@link #put}, {@link #delete}, {@link #compact}) without a client library.
 * Keys and values are UTF-8 text.
 */
public final class EtcdServer implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
  private static final Pattern REVISION = Pattern.compile("\"revision\":\"(\\d+)\"");
  private static final Set<EtcdServer> running = ConcurrentHashMap.newKeySet();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  static {
    AfterSpringShutdown.register("stop-test-etcd", () -> List.copyOf(running).forEach(EtcdServer::close));
  }

  private final Path directory;
  private final int clientPort;
  private final int peerPort;
  private final String name;
  private Process process;

  private EtcdServer(Path directory, int clientPort, int peerPort) {
    this.directory = directory;
    this.clientPort = clientPort;
    this.peerPort = peerPort;
    this.name = "test-" + directory.getFileName();
  }

  /** Starts a new, empty server and returns once it answers healthy. */
  public static EtcdServer start() {
    Path binary = binary();
    RuntimeException failure = null;
    // A free port may be taken by another test between choosing and binding it: choose again.
    for (int attempt = 0; attempt < 3; attempt++) {
      Path directory;
      try {
        directory = Files.createTempDirectory("emporium-etcd-");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      EtcdServer server = new EtcdServer(directory, freePort(), freePort());
      try {
        server.launch(binary);
        running.add(server);
        return server;
      } catch (RuntimeException e) {
        server.close();
        failure = e;
      }
    }
    throw failure;
  }

  private static Path binary() {
    String configured = System.getenv("EMPORIUM_TEST_ETCD");
    Path binary = Path.of(configured == null || configured.isBlank() ? "/usr/bin/etcd" : configured);
    if (!Files.isExecutable(binary)) {
      throw new IllegalStateException("no etcd at " + binary + ": install the Debian package etcd-server "
          + "(or point EMPORIUM_TEST_ETCD at an etcd 3.4+ binary)");
    }
    return binary;
  }

  /** {@code http://127.0.0.1:<client port>}, the URL clients connect to. */
  public String endpoint() {
    return "http://127.0.0.1:" + clientPort;
  }

  /** {@code 127.0.0.1:<client port>}. */
  public String address() {
    return "127.0.0.1:" + clientPort;
  }

  public int clientPort() {
    return clientPort;
  }

  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Stops the server (SIGTERM, as an operator would); its ports and data are kept for {@link #restart()}. */
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    process = null;
  }

  /** Starts the server again (stopping it first if it runs), on the same ports, with the data it had. */
  public synchronized void restart() {
    stop();
    launch(binary());
  }

  /** Restarts the server with no data at all: every key and lease is gone, revisions begin anew. */
  public synchronized void wipe() {
    stop();
    deleteTree(directory.resolve("data"));
    launch(binary());
  }

  private synchronized void launch(Path binary) {
    String client = "http://127.0.0.1:" + clientPort;
    String peer = "http://127.0.0.1:" + peerPort;
    ProcessBuilder builder = new ProcessBuilder(binary.toString(),
        "--name", name,
        "--data-dir", directory.resolve("data").toString(),
        "--listen-client-urls", client,
        "--advertise-client-urls", client,
        "--listen-peer-urls", peer,
        "--initial-advertise-peer-urls", peer,
        "--initial-cluster", name + "=" + peer,
        "--initial-cluster-token", name,
        "--initial-cluster-state", "new",
        // A one-member cluster elects itself after one election timeout; a short one starts it sooner.
        "--heartbeat-interval", "50",
        "--election-timeout", "500",
        "--logger", "zap",
        "--log-outputs", "stderr")
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("etcd.log").toFile()));
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + binary, e);
    }
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (!healthy()) {
      if (!process.isAlive()) {
        process = null;
        throw new IllegalStateException("etcd exited on start: " + logTail());
      }
      if (System.nanoTime() > deadline) {
        stop();
        throw new IllegalStateException("etcd not healthy within " + START_TIMEOUT.toSeconds() + " s: " + logTail());
      }
      sleep(50);
    }
  }

  private boolean healthy() {
    try {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(endpoint() + "/health"))
          .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 && response.body().contains("\"health\":\"true\"");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Writes {@code key} (no lease) and returns the store's revision after the write. */
  public long put(String key, String value) {
    return revisionOf(call("/v3/kv/put", "{\"key\":\"" + base64(key) + "\",\"value\":\"" + base64(value) + "\"}"));
  }

  /** Deletes {@code key} and returns the store's revision after the delete. */
  public long delete(String key) {
    return revisionOf(call("/v3/kv/deleterange", "{\"key\":\"" + base64(key) + "\"}"));
  }

  /** Deletes every key under {@code prefix}. */
  public long deletePrefix(String prefix) {
    return revisionOf(call("/v3/kv/deleterange",
        "{\"key\":\"" + base64(prefix) + "\",\"range_end\":\"" + base64(rangeEnd(prefix)) + "\"}"));
  }

  /** The store's current revision. */
  public long revision() {
    return revisionOf(call("/v3/kv/range", "{\"key\":\"" + base64("\0") + "\",\"count_only\":true}"));
  }

  /** Discards the history up to the current revision: a watch from an older revision is refused. */
  public long compact() {
    long revision = revision();
    call("/v3/kv/compaction", "{\"revision\":\"" + revision + "\",\"physical\":true}");
    return revision;
  }

  /** POSTs a JSON request to etcd's gRPC gateway and returns the JSON answer. */
  public String call(String path, String json) {
    try {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(endpoint() + path))
          .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(path + " " + json + ": " + response.statusCode() + " " + response.body());
      }
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException(path + " on " + endpoint(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The end of the range of keys that start with {@code prefix}: the prefix with its last byte incremented. */
  static String rangeEnd(String prefix) {
    char last = prefix.charAt(prefix.length() - 1);
    return prefix.substring(0, prefix.length() - 1) + (char) (last + 1);
  }

  private static long revisionOf(String json) {
    Matcher m = REVISION.matcher(json);
    if (!m.find()) {
      throw new IllegalStateException("no revision in " + json);
    }
    return Long.parseLong(m.group(1));
  }

  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(directory.resolve("etcd.log"));
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** Stops the server and deletes its data. */
  @Override
  public synchronized void close() {
    running.remove(this);
    stop();
    deleteTree(directory);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
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

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + root, e);
    }
  }
}
