package dev.emporium.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.gateway.testing.GatewayProcess;
import dev.emporium.gateway.testing.TestUpstream;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bodies stream through the gateway both ways with backpressure and are never held whole. The
 * gateway runs in a JVM of its own with a 64 MiB heap (and as much direct memory), so a 1 GiB
 * body can only pass if nothing buffers it; its resident memory is sampled throughout.
 */
class StreamingIT {

  private static final long GIB = 1L << 30;
  private static final long MIB = 1L << 20;
  private static final int CHUNK = 64 * 1024;
  /** Distinct chunks, so that a lost, repeated or reordered chunk changes the checksum. */
  private static final byte[][] BLOCKS = new byte[61][CHUNK];

  static {
    Random random = new Random(42);
    for (byte[] block : BLOCKS) random.nextBytes(block);
  }

  static TestUpstream upstream;
  static GatewayProcess gateway;
  static HttpClient client;
  static final AtomicLong sentCrc = new AtomicLong();

  @BeforeAll
  static void start() {
    upstream = TestUpstream.start(request -> {
      if (request.path().startsWith("/download/")) {
        download(request, Long.parseLong(request.path().substring("/download/".length())));
      } else {
        upload(request);
      }
    });
    gateway = GatewayProcess.start("""
        limits:
          maxBodySize: 0
        routes:
          - name: files
            match:
              path: /files/**
            cluster: files
            stripPrefix: /files
        clusters:
          - name: files
            endpoints:
              - address: %s
        """.formatted(upstream.address()), List.of("-Xmx64m", "-XX:MaxDirectMemorySize=64m"));
    client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  }

  @AfterAll
  static void stop() {
    if (gateway != null) gateway.close();
    if (upstream != null) upstream.close();
  }

  /** Sends {@code length} bytes as fast as the connection takes them, and no faster. */
  private static void download(HttpServerRequest request, long length) {
    HttpServerResponse response = request.response().putHeader("Content-Length", Long.toString(length));
    CRC32 crc = new CRC32();
    long[] sent = {0};
    Runnable[] pump = new Runnable[1];
    pump[0] = () -> {
      while (sent[0] < length && !response.writeQueueFull()) {
        byte[] block = BLOCKS[(int) (sent[0] / CHUNK % BLOCKS.length)];
        int n = (int) Math.min(CHUNK, length - sent[0]);
        crc.update(block, 0, n);
        sent[0] += n;
        response.write(Buffer.buffer(n).appendBytes(block, 0, n));
      }
      if (sent[0] < length) {
        response.drainHandler(v -> pump[0].run());
      } else {
        sentCrc.set(crc.getValue());
        response.end();
      }
    };
    pump[0].run();
  }

  /** Counts and checksums what arrives, keeping none of it. */
  private static void upload(HttpServerRequest request) {
    CRC32 crc = new CRC32();
    long[] received = {0};
    request.handler(chunk -> {
      byte[] bytes = chunk.getBytes();
      crc.update(bytes);
      received[0] += bytes.length;
    });
    request.endHandler(v -> request.response().putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("bytes", received[0]).put("crc", crc.getValue()).encode()));
  }

  /** Bytes made on the fly, checksummed as they are handed out. */
  private static final class Generated extends InputStream {
    final long length;
    final CRC32 crc = new CRC32();
    long position;

    Generated(long length) {
      this.length = length;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (position >= length) return -1;
      int inBlock = (int) (position % CHUNK);
      int n = (int) Math.min(Math.min(len, CHUNK - inBlock), length - position);
      System.arraycopy(BLOCKS[(int) (position / CHUNK % BLOCKS.length)], inBlock, b, off, n);
      crc.update(b, off, n);
      position += n;
      return n;
    }
  }

  /** The gateway's resident memory, sampled every 50 ms while a transfer runs. */
  private static final class RssSampler implements AutoCloseable {
    final AtomicLong max = new AtomicLong();
    final Thread thread;
    volatile boolean running = true;

    RssSampler() {
      thread = Thread.ofPlatform().daemon().start(() -> {
        while (running && gateway.alive()) {
          max.accumulateAndGet(gateway.residentBytes(), Math::max);
          try {
            Thread.sleep(50);
          } catch (InterruptedException e) {
            return;
          }
        }
      });
    }

    /** Stops sampling; returns the peak seen, this moment included. */
    long stop() {
      running = false;
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return max.accumulateAndGet(gateway.residentBytes(), Math::max);
    }

    @Override
    public void close() {
      stop();
    }
  }

  private record Transfer(long bytes, long crc, long nanos) {
    double mibPerSecond() {
      return bytes / (double) MIB / (nanos / 1e9);
    }
  }

  private static Transfer download(long length) throws IOException, InterruptedException {
    long start = System.nanoTime();
    HttpResponse<InputStream> response = client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/files/download/" + length))
            .timeout(Duration.ofSeconds(60)).build(),
        HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);
    CRC32 crc = new CRC32();
    long received = 0;
    byte[] buffer = new byte[CHUNK];
    try (InputStream in = response.body()) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        crc.update(buffer, 0, n);
        received += n;
      }
    }
    return new Transfer(received, crc.getValue(), System.nanoTime() - start);
  }

  private static Transfer upload(long length) throws IOException, InterruptedException {
    Generated body = new Generated(length);
    long start = System.nanoTime();
    HttpResponse<String> response = client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/files/upload"))
            .timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> body), length))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    long nanos = System.nanoTime() - start;
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonObject received = new JsonObject(response.body());
    assertThat(received.getLong("bytes")).isEqualTo(length);
    assertThat(received.getLong("crc")).isEqualTo(body.crc.getValue());
    return new Transfer(received.getLong("bytes"), received.getLong("crc"), nanos);
  }

  private static long warmBaseline() throws Exception {
    download(64 * MIB);
    upload(64 * MIB);
    Thread.sleep(300);
    return gateway.residentBytes();
  }

  @Test
  void oneGibibyteDownloadPassesThroughA64MiBHeapWithFlatMemory() throws Exception {
    long baseline = warmBaseline();
    Transfer transfer;
    long peak;
    try (RssSampler rss = new RssSampler()) {
      transfer = download(GIB);
      peak = rss.stop();
    }

    assertThat(transfer.bytes()).isEqualTo(GIB);
    assertThat(transfer.crc()).isEqualTo(sentCrc.get());
    report("download", baseline, peak, gateway.residentBytes(), transfer);
    assertThat(peak - baseline).as(gateway.stderr()).isLessThan(100 * MIB);
  }

  @Test
  void oneGibibyteUploadPassesThroughA64MiBHeapWithFlatMemory() throws Exception {
    long baseline = warmBaseline();
    Transfer transfer;
    long peak;
    try (RssSampler rss = new RssSampler()) {
      transfer = upload(GIB);
      peak = rss.stop();
    }

    assertThat(transfer.bytes()).isEqualTo(GIB);
    report("upload", baseline, peak, gateway.residentBytes(), transfer);
    assertThat(peak - baseline).as(gateway.stderr()).isLessThan(100 * MIB);
  }

  private static void report(String what, long baseline, long peak, long after, Transfer transfer) {
    System.out.printf("streaming %s: 1 GiB through a gateway with -Xmx64m -XX:MaxDirectMemorySize=64m; "
            + "RSS before %d MiB, peak during %d MiB (growth %d MiB), after %d MiB; %.1f s, %.0f MiB/s%n",
        what, baseline / MIB, peak / MIB, (peak - baseline) / MIB, after / MIB, transfer.nanos() / 1e9,
        transfer.mibPerSecond());
  }
}
