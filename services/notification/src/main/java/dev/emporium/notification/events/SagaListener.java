package dev.emporium.notification.events;

import dev.emporium.notification.job.JobPlanner;
import dev.emporium.notification.job.NoticeKind;
import dev.emporium.notification.job.NotificationJob;
import dev.emporium.notification.queue.JobPublisher;
import dev.emporium.platform.events.envelope.CloudEventCodec;
import dev.emporium.platform.events.envelope.IncomingEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Turns the saga's events into notification jobs. For each event the user is told about, the jobs
 * are published to their channels' queues and confirmed by RabbitMQ before this method returns, and
 * only then is the record's offset committed (with its poll's batch): a job is never lost between
 * Kafka and RabbitMQ. A publish that is not confirmed throws, so the record is redelivered (and, after
 * the configured retries, parked on {@code <topic>-dlt}). A redelivered event whose jobs were already
 * confirmed is dropped by {@link PlannedEvents}; one that slips through (after a restart, or when only
 * some of its jobs were confirmed) makes jobs with the same ids, which delivery absorbs.
 */
@Component
class SagaListener {

  static final String ID = "notification.plan-jobs";
  private static final Logger log = LoggerFactory.getLogger(SagaListener.class);

  private final CloudEventCodec codec;
  private final JobPlanner planner;
  private final JobPublisher publisher;
  private final PlannedEvents planned;
  private final Counter duplicates;

  SagaListener(CloudEventCodec codec, JobPlanner planner, JobPublisher publisher, PlannedEvents planned,
      MeterRegistry meters) {
    this.codec = codec;
    this.planner = planner;
    this.publisher = publisher;
    this.planned = planned;
    this.duplicates = Counter.builder("notification.events.duplicates")
        .description("Events dropped because their jobs were already published").register(meters);
  }

  @KafkaListener(id = ID, groupId = "${emporium.notification.consumer-group:notification}",
      concurrency = "${emporium.notification.listener-concurrency:3}", topics = {
          "${emporium.notification.order-topic:order-events}",
          "${emporium.notification.payment-topic:payment-events}",
          "${emporium.notification.shipping-topic:shipping-events}"})
  void on(ConsumerRecord<String, byte[]> record) {
    IncomingEvent event = codec.read(record);
    Optional<NoticeKind> kind = NoticeKind.ofEventType(event.type());
    if (kind.isEmpty()) {
      return;
    }
    String source = event.source().toString();
    if (planned.contains(source, event.id())) {
      duplicates.increment();
      return;
    }
    List<NotificationJob> jobs = planner.plan(Notices.from(event, kind.get()));
    for (NotificationJob job : jobs) {
      publisher.publish(job);
    }
    planned.remember(source, event.id());
    log.debug("{} became {} job(s)", event, jobs.size());
  }
}
