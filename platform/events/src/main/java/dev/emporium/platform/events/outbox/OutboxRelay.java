package dev.emporium.platform.events.outbox;

import dev.emporium.platform.events.EventsProperties;
import dev.emporium.platform.events.envelope.CloudEventCodec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes the outbox to Kafka: claims pending rows ({@code FOR UPDATE SKIP LOCKED}, so several
 * instances share the work), publishes them in order per aggregate, and marks them published in
 * the same transaction. Delivery is at least once: a crash between the broker's acknowledgement and
 * the commit publishes the row again on the next pass, which consumers' inboxes absorb.
 *
 * <p>A row that fails to publish is retried with growing delays (it and the later rows of its
 * aggregate wait, to keep their order); rows of other aggregates go on. Rows stay pending across
 * restarts. The relay runs on one virtual thread, wakes when a transaction that wrote events commits,
 * and otherwise polls every {@code poll-interval}.
 */
public class OutboxRelay implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
  private static final Duration CLEANUP_EVERY = Duration.ofHours(1);
  private static final Duration COUNT_EVERY = Duration.ofSeconds(10);

  private final OutboxRepository repository;
  private final Producer<String, byte[]> producer;
  private final CloudEventCodec codec;
  private final URI source;
  private final EventsProperties.Outbox config;
  private final TransactionTemplate transactions;
  private final RetryDelays retryDelays;
  private final Semaphore wakeUp = new Semaphore(0);
  private final @Nullable Counter published;
  private final @Nullable Counter failed;

  private volatile boolean running;
  private volatile @Nullable Thread thread;
  private Instant nextCleanup = Instant.now();
  private Instant nextCount = Instant.now();
  /** Refreshed by the relay thread, so that a metrics scrape (or shutdown) never queries the database. */
  private volatile double pending = Double.NaN;

  OutboxRelay(OutboxRepository repository, Producer<String, byte[]> producer, CloudEventCodec codec, URI source,
      EventsProperties.Outbox config, TransactionTemplate transactions, @Nullable MeterRegistry meters) {
    this.repository = repository;
    this.producer = producer;
    this.codec = codec;
    this.source = source;
    this.config = config;
    this.transactions = transactions;
    this.retryDelays = new RetryDelays(config.retryInitialDelay(), config.retryMaxDelay());
    if (meters != null) {
      published = Counter.builder("emporium.outbox.published").description("Events published from the outbox")
          .register(meters);
      failed = Counter.builder("emporium.outbox.publish.failures").description("Failed attempts to publish an event")
          .register(meters);
      Gauge.builder("emporium.outbox.pending", this, relay -> relay.pending)
          .description("Events written and not yet published (counted at most every 10 s)").register(meters);
    } else {
      published = null;
      failed = null;
    }
  }

  /**
   * Publishes one batch: the rows due now, in order per aggregate, at most {@code batch-size}.
   *
   * @return how many rows were published (and marked so)
   */
  public int publishPending() {
    Integer count = transactions.execute(status -> {
      List<OutboxRow> rows = repository.claim(config.batchSize());
      if (rows.isEmpty()) {
        return 0;
      }
      List<Future<RecordMetadata>> sends = new ArrayList<>(rows.size());
      for (OutboxRow row : rows) {
        Future<RecordMetadata> send = send(row);
        sends.add(send);
        if (brokerUnreachable(send)) {
          // The producer waited send-timeout for metadata; every other send would wait as long.
          break;
        }
      }
      List<Long> done = new ArrayList<>(rows.size());
      Set<String> blocked = new HashSet<>();
      for (int i = 0; i < sends.size(); i++) {
        OutboxRow row = rows.get(i);
        String aggregate = row.topic() + "\u0000" + row.aggregateId();
        String error = awaitAck(sends.get(i));
        if (blocked.contains(aggregate)) {
          continue; // an earlier event of this aggregate failed: publish this one again after it
        }
        if (error == null) {
          done.add(row.id());
        } else {
          blocked.add(aggregate);
          Duration delay = retryDelays.after(row.attempts() + 1);
          log.warn("publishing outbox row {} ({} {} for {}) failed, attempt {}; retry in {} ms: {}", row.id(),
              row.eventType(), row.eventId(), row.aggregateId(), row.attempts() + 1, delay.toMillis(), error);
          repository.markFailed(row.id(), delay, error);
          if (failed != null) {
            failed.increment();
          }
        }
      }
      repository.markPublished(done);
      if (published != null) {
        published.increment(done.size());
      }
      return done.size();
    });
    return count == null ? 0 : count;
  }

  private Future<RecordMetadata> send(OutboxRow row) {
    try {
      return producer.send(codec.toRecord(row.topic(), row.eventId().toString(), source, row.eventType(),
          row.aggregateId(), row.occurredAt(), row.payload().getBytes(StandardCharsets.UTF_8), row.headers()));
    } catch (RuntimeException e) {
      return java.util.concurrent.CompletableFuture.failedFuture(e);
    }
  }

  private static boolean brokerUnreachable(Future<RecordMetadata> send) {
    if (!send.isDone()) {
      return false;
    }
    try {
      send.get();
      return false;
    } catch (ExecutionException e) {
      return e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  private @Nullable String awaitAck(Future<RecordMetadata> send) {
    try {
      send.get(config.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
      return null;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    } catch (TimeoutException e) {
      return "no acknowledgement within " + config.sendTimeout().toMillis() + " ms";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  /** Asks the relay to look for work now (called after a commit that wrote events). */
  public void wakeUp() {
    wakeUp.release();
  }

  private void loop() {
    Duration backoff = config.pollInterval();
    while (running) {
      try {
        int count = publishPending();
        backoff = config.pollInterval();
        cleanupIfDue();
        countIfDue();
        if (count < config.batchSize()) {
          wakeUp.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
          wakeUp.drainPermits();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        if (!running) {
          return;
        }
        // The database is unreachable (or similar): nothing is lost, the rows stay pending.
        log.warn("outbox relay pass failed; retrying in {} ms: {}", backoff.toMillis(), e.toString());
        try {
          Thread.sleep(backoff);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
        backoff = backoff.multipliedBy(2).compareTo(config.retryMaxDelay()) > 0 ? config.retryMaxDelay()
            : backoff.multipliedBy(2);
      }
    }
  }

  private void cleanupIfDue() {
    if (Instant.now().isAfter(nextCleanup)) {
      nextCleanup = Instant.now().plus(CLEANUP_EVERY);
      int deleted = repository.deletePublishedBefore(config.retention());
      if (deleted > 0) {
        log.info("deleted {} outbox rows published more than {} ago", deleted, config.retention());
      }
    }
  }

  private void countIfDue() {
    if (Instant.now().isAfter(nextCount)) {
      nextCount = Instant.now().plus(COUNT_EVERY);
      pending = repository.countPending();
    }
  }

  @Override
  public void start() {
    if (running) {
      return;
    }
    running = true;
    thread = Thread.ofVirtual().name("outbox-relay").start(this::loop);
  }

  /** Stops after the pass in progress; rows it did not publish stay pending for the next start. */
  @Override
  public void stop() {
    running = false;
    Thread t = thread;
    if (t != null) {
      wakeUp.release();
      try {
        t.join(config.sendTimeout().plusSeconds(5).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      thread = null;
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Stops before the Kafka producer and the data source are closed; starts after they exist. */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE - 1000;
  }
}
