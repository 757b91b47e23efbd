package dev.emporium.notification.delivery;

import dev.emporium.notification.job.Channel;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/**
 * The consumers of the three work queues, {@code workers.concurrency} each. Acknowledgement is
 * automatic: a message is acknowledged when {@link JobRunner#run} returns (the job delivered, or
 * confirmed on its delay or dead-letter queue), and requeued when it throws.
 */
@Component
class DeliveryWorkers {

  private final JobRunner runner;

  DeliveryWorkers(JobRunner runner) {
    this.runner = runner;
  }

  @RabbitListener(id = "email-worker", queues = "${emporium.notification.queues.email:email-queue}",
      concurrency = "${emporium.notification.workers.concurrency:2}")
  void email(Message message) {
    runner.run(Channel.EMAIL, message);
  }

  @RabbitListener(id = "sms-worker", queues = "${emporium.notification.queues.sms:sms-queue}",
      concurrency = "${emporium.notification.workers.concurrency:2}")
  void sms(Message message) {
    runner.run(Channel.SMS, message);
  }

  @RabbitListener(id = "push-worker", queues = "${emporium.notification.queues.push:push-queue}",
      concurrency = "${emporium.notification.workers.concurrency:2}")
  void push(Message message) {
    runner.run(Channel.PUSH, message);
  }
}
