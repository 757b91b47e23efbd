package dev.emporium.gateway.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real dnsmasq for a test, on a free loopback port, authoritative for {@code *.emporium.test}
 * (unknown names there are NXDOMAIN) and forwarding nothing. Its addresses come from a hosts file
 * the test rewrites with {@link #hosts}; dnsmasq re-reads it on SIGHUP, so a rewrite is how a test
 * scales a service up or down. Needs the binary of Debian's {@code dnsmasq-base}.
 */
public final class Dnsmasq implements AutoCloseable {

  public static final String DOMAIN = "emporium.test";

  private final Path dir;
  private final Path hostsFile;
  private final List<String> srvRecords;
  private final int port;
  private Process process;

  private Dnsmasq(Path dir, int port, List<String> srvRecords) {
    this.dir = dir;
    this.hostsFile = dir.resolve("hosts");
    this.port = port;
    this.srvRecords = List.copyOf(srvRecords);
  }

  /** A server with no names yet. */
  public static Dnsmasq start() {
    return start(List.of());
  }

  /**
   * A server that also answers SRV records, each written as dnsmasq's {@code --srv-host} value:
   * {@code _service._tcp.name,target,port,priority,weight}.
   */
  public static Dnsmasq start(List<String> srvRecords) {
    Path dir;
    try {
      dir = Files.createTempDirectory("emporium-dnsmasq");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    IllegalStateException last = null;
    for (int attempt = 0; attempt < 5; attempt++) {
      Dnsmasq dns = new Dnsmasq(dir, freeUdpPort(), srvRecords);
      try {
        dns.hosts(Map.of());
        dns.launch();
        return dns;
      } catch (IllegalStateException e) {
        // The free port was taken between the probe and dnsmasq's bind: try another.
        last = e;
      }
    }
    throw last;
  }

  private static String binary() {
    String configured = System.getenv("EMPORIUM_DNSMASQ");
    List<Path> candidates = new ArrayList<>();
    if (configured != null && !configured.isBlank()) candidates.add(Path.of(configured));
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isBlank()) candidates.add(Path.of(dir, "dnsmasq"));
    }
    candidates.add(Path.of("/usr/sbin/dnsmasq"));
    for (Path candidate : candidates) {
      if (Files.isExecutable(candidate)) return candidate.toString();
    }
    throw new AssertionError("dnsmasq not found (PATH, /usr/sbin, EMPORIUM_DNSMASQ): install Debian's dnsmasq-base");
  }

  private static int freeUdpPort() {
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void launch() {
    List<String> command = new ArrayList<>(List.of(binary(),
        "--keep-in-foreground", "--no-resolv", "--no-hosts", "--no-poll", "--bind-interfaces",
        "--listen-address=127.0.0.1", "--port=" + port, "--pid-file=",
        // As root dnsmasq would become "nobody", who may not read the test's private directory.
        "--user=" + System.getProperty("user.name"),
        "--local=/" + DOMAIN + "/", "--addn-hosts=" + hostsFile, "--cache-size=0", "--log-facility=-"));
    for (String srv : srvRecords) command.add("--srv-host=" + srv);
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(dir.resolve("dnsmasq.log").toFile()).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start dnsmasq", e);
    }
    long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < end) {
      String log = log();
      if (!process.isAlive()) {
        throw new IllegalStateException("dnsmasq exited with " + process.exitValue() + ": " + log);
      }
      if (log.contains("read " + hostsFile)) return;
      sleep(20);
    }
    stop();
    throw new IllegalStateException("dnsmasq did not start within 10 s: " + log());
  }

  /** {@code 127.0.0.1:port}, as a discovery's {@code servers} setting. */
  public String address() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /**
   * Replaces every name this server answers: each name (relative to {@link #DOMAIN} unless it ends
   * with it) with its addresses, IPv4 or IPv6. Returns once dnsmasq has read the new file.
   */
  public void hosts(Map<String, List<String>> names) {
    StringBuilder text = new StringBuilder();
    names.forEach((name, addresses) -> {
      String fqdn = name.endsWith(DOMAIN) ? name : name + "." + DOMAIN;
      for (String address : addresses) text.append(address).append(' ').append(fqdn).append('\n');
    });
    try {
      Path next = dir.resolve("hosts.next");
      Files.writeString(next, text, StandardCharsets.UTF_8);
      Files.move(next, hostsFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (process != null) reload();
  }

  private void reload() {
    int readsBefore = countReads();
    try {
      Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(process.pid())).inheritIO().start();
      if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("cannot signal dnsmasq " + process.pid());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (countReads() == readsBefore) {
      if (System.nanoTime() > end) throw new IllegalStateException("dnsmasq did not re-read its hosts: " + log());
      sleep(10);
    }
  }

  private int countReads() {
    String log = log();
    int count = 0;
    for (int i = log.indexOf("read " + hostsFile); i >= 0; i = log.indexOf("read " + hostsFile, i + 1)) count++;
    return count;
  }

  private String log() {
    try {
      Path file = dir.resolve("dnsmasq.log");
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  /** Stops the server: lookups against its port fail until {@link #restart()}. */
  public void stop() {
    if (process == null) return;
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  /** Starts the server again on the same port, with the hosts file as it is. */
  public void restart() {
    stop();
    launch();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    stop();
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A leftover temporary directory harms nothing.
    }
  }
}
