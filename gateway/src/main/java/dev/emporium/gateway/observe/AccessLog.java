package dev.emporium.gateway.observe;

import dev.emporium.gateway.config.AccessLogConfig;
import java.io.BufferedWriter;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes access log lines from a thread of its own, so that a slow disk or terminal never stalls an
 * event loop. Event loops only offer a finished line to a bounded queue; when the queue is full the
 * line is dropped and counted ({@code gateway_access_log_dropped_total}) rather than blocking.
 */
public final class AccessLog implements AutoCloseable {

  private final BlockingQueue<String> queue;
  private final Writer out;
  private final Thread writer;
  private final AtomicLong dropped = new AtomicLong();
  private volatile boolean closed;

  private static final long DRAIN_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

  private AccessLog(int queueSize, Writer out) {
    this.queue = new ArrayBlockingQueue<>(queueSize);
    this.out = out;
    this.writer = Thread.ofPlatform().name("emporium-access-log").daemon().unstarted(this::drain);
    writer.start();
  }

  /** An access log as configured, or null when disabled. */
  public static AccessLog open(AccessLogConfig config) throws IOException {
    if (!config.enabled()) return null;
    OutputStream stream = switch (config.output()) {
      case "stdout" -> System.out;
      case "stderr" -> System.err;
      default -> new FileOutputStream(config.output(), true);
    };
    return new AccessLog(config.queueSize(), new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 64 * 1024));
  }

  /** For tests and embedders: lines go to the given writer. */
  public static AccessLog to(Writer out, int queueSize) {
    return new AccessLog(queueSize, out);
  }

  public void write(String line) {
    if (closed || !queue.offer(line)) dropped.incrementAndGet();
  }

  public long dropped() {
    return dropped.get();
  }

  /**
   * Takes what has queued up every few milliseconds rather than waiting on the queue: a writer
   * parked on the queue would make every event loop's offer wake it, a system call per request,
   * where a short sleep costs one per batch.
   */
  private void drain() {
    List<String> batch = new ArrayList<>(4096);
    while (!closed || !queue.isEmpty()) {
      try {
        if (queue.drainTo(batch, 4096) == 0) {
          if (Thread.interrupted()) return;
          LockSupport.parkNanos(DRAIN_INTERVAL_NANOS);
          continue;
        }
        for (String line : batch) {
          out.write(line);
          out.write('\n');
        }
        batch.clear();
        if (queue.isEmpty()) out.flush();
      } catch (IOException e) {
        dropped.addAndGet(batch.size());
        batch.clear();
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      writer.join(2_000);
      out.flush();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException ignored) {
      // Nothing more can be done for a log whose output is gone.
    }
  }
}
