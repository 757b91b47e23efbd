package dev.emporium.notification.queue;

/**
 * How a failed job waits out its retry delay ({@code emporium.notification.retry.delay-mode}). The
 * two brokers the service runs on offer different means, so the setting names the broker's.
 */
public enum RetryDelayMode {

  /**
   * RabbitMQ ({@code dead-letter-ttl}): the job waits on a delay queue of its delay, whose
   * {@code x-message-ttl} expires it and whose dead-letter exchange routes it back to the work queue.
   */
  DEAD_LETTER_TTL,

  /**
   * Apache Qpid Broker-J, the broker {@code emporium up} embeds ({@code held}): the job goes straight
   * back to its work queue, declared with {@code holdOnPublishEnabled}, and carries
   * {@code x-qpid-not-valid-before}; the broker holds it from consumers until then.
   */
  HELD
}
