package dev.emporium.gateway.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.io.Writer;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The access log writes off the caller's thread and drops rather than blocks when it falls behind. */
class AccessLogTest {

  @Test
  void writesEveryLineInOrderAndFlushesOnClose() {
    StringWriter out = new StringWriter();
    AccessLog log = AccessLog.to(out, 100);
    for (int i = 0; i < 50; i++) log.write("{\"n\":" + i + "}");
    log.close();

    assertThat(out.toString().lines().toList()).hasSize(50).first().isEqualTo("{\"n\":0}");
    assertThat(out.toString().lines().toList()).last().isEqualTo("{\"n\":49}");
    assertThat(log.dropped()).isZero();
  }

  @Test
  void aStuckOutputNeverBlocksTheCallerAndDroppedLinesAreCounted() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    Writer stuck = new Writer() {
      @Override
      public void write(char[] buffer, int offset, int length) {
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    AccessLog log = AccessLog.to(stuck, 10);
    long start = System.nanoTime();
    for (int i = 0; i < 1_000; i++) log.write("line " + i);
    long elapsed = System.nanoTime() - start;

    assertThat(Duration.ofNanos(elapsed)).isLessThan(Duration.ofMillis(500));
    // The writer holds at most the batch it took before it stuck, the queue at most 10 more.
    assertThat(log.dropped()).isGreaterThanOrEqualTo(900L);
    release.countDown();
    log.close();
  }

  @Test
  void linesWrittenAfterCloseAreCountedAsDropped() {
    AccessLog log = AccessLog.to(new StringWriter(), 10);
    log.close();
    log.write("late");
    assertThat(log.dropped()).isEqualTo(1);
  }
}
