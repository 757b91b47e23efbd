package dev.emporium.notification;

import dev.emporium.notification.job.Channel;
import dev.emporium.notification.job.NoticeKind;
import dev.emporium.notification.queue.RetryDelayMode;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The notification service's settings ({@code emporium.notification.*}), checked at start-up.
 *
 * @param orderTopic where OrderCreated and OrderCancelled arrive (the order service's topic)
 * @param paymentTopic where PaymentProcessed arrives
 * @param shippingTopic where ShipmentCreated arrives
 * @param consumerGroup the Kafka consumer group of the event listener
 * @param listenerConcurrency Kafka consumer threads (up to one per partition)
 * @param channels which channels each event type is sent on
 * @param queues the work queue of each channel (delay and dead-letter queues are named after it)
 * @param retry how failed deliveries are retried
 * @param workers consumers per work queue
 * @param publishTimeout how long publishing a job may wait for the broker's confirmation
 * @param dedup the bounded memories that drop duplicates
 * @param users the user service, asked for contacts
 * @param providers the SMS and push providers
 * @param email how mails are addressed
 */
@ConfigurationProperties("emporium.notification")
public record NotificationProperties(
    @DefaultValue("order-events") String orderTopic,
    @DefaultValue("payment-events") String paymentTopic,
    @DefaultValue("shipping-events") String shippingTopic,
    @DefaultValue("notification") String consumerGroup,
    @DefaultValue("3") int listenerConcurrency,
    @DefaultValue Channels channels,
    @DefaultValue Queues queues,
    @DefaultValue Retry retry,
    @DefaultValue Workers workers,
    @DefaultValue("10s") Duration publishTimeout,
    @DefaultValue Dedup dedup,
    @DefaultValue Users users,
    @DefaultValue Providers providers,
    @DefaultValue Email email) {

  public NotificationProperties {
    require(List.of(orderTopic, paymentTopic, shippingTopic).stream().noneMatch(String::isBlank), "topics must not be blank");
    require(!consumerGroup.isBlank(), "consumer-group must not be blank");
    require(listenerConcurrency >= 1 && listenerConcurrency <= 64, "listener-concurrency must be in 1..64");
    require(positive(publishTimeout), "publish-timeout must be positive");
  }

  /**
   * The channels of each event type. SMS goes only to users with a phone number.
   */
  public record Channels(
      @DefaultValue("email") Set<Channel> orderCreated,
      @DefaultValue({"email", "push"}) Set<Channel> paymentProcessed,
      @DefaultValue({"email", "push", "sms"}) Set<Channel> shipmentCreated,
      @DefaultValue({"email", "push"}) Set<Channel> orderCancelled) {

    public Channels {
      orderCreated = copy(orderCreated);
      paymentProcessed = copy(paymentProcessed);
      shipmentCreated = copy(shipmentCreated);
      orderCancelled = copy(orderCancelled);
    }

    public Set<Channel> of(NoticeKind kind) {
      return switch (kind) {
        case ORDER_CREATED -> orderCreated;
        case PAYMENT_PROCESSED -> paymentProcessed;
        case SHIPMENT_CREATED -> shipmentCreated;
        case ORDER_CANCELLED -> orderCancelled;
      };
    }

    private static Set<Channel> copy(Set<Channel> channels) {
      return channels == null || channels.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(channels));
    }
  }

  /**
   * The work queue of each channel; {@code <name>.dlq} and, in the {@code dead-letter-ttl} delay
   * mode, {@code <name>.retry.<delay>ms} are derived.
   */
  public record Queues(@DefaultValue("email-queue") String email, @DefaultValue("sms-queue") String sms,
      @DefaultValue("push-queue") String push) {

    public Queues {
      for (String name : List.of(email, sms, push)) {
        require(name.matches("[A-Za-z0-9._-]{1,200}"), "queues: a queue name is 1 to 200 letters, digits, '.', '_' or '-': " + name);
      }
      require(new java.util.HashSet<>(List.of(email, sms, push)).size() == 3, "queues: the three channels need three different queues");
    }

    public String of(Channel channel) {
      return switch (channel) {
        case EMAIL -> email;
        case SMS -> sms;
        case PUSH -> push;
      };
    }

    public Map<Channel, String> all() {
      return Map.of(Channel.EMAIL, email, Channel.SMS, sms, Channel.PUSH, push);
    }
  }

  /**
   * Retries of a failed delivery: attempt n (1-based) that fails waits
   * {@code min(initialDelay * multiplier^(n-1), maxDelay)}, then runs again; the
   * {@code maxAttempts}-th failure sends the job to the dead-letter queue.
   *
   * @param delayMode how the broker makes a job wait: {@code dead-letter-ttl} (RabbitMQ, delay
   *     queues) or {@code held} (Qpid Broker-J, held on the work queue)
   */
  public record Retry(@DefaultValue("5") int maxAttempts, @DefaultValue("1s") Duration initialDelay,
      @DefaultValue("2.0") double multiplier, @DefaultValue("5m") Duration maxDelay,
      @DefaultValue("dead-letter-ttl") RetryDelayMode delayMode) {

    public Retry {
      require(delayMode != null, "retry.delay-mode must be dead-letter-ttl (RabbitMQ) or held (Qpid Broker-J)");
      require(maxAttempts >= 1 && maxAttempts <= 50, "retry.max-attempts must be in 1..50");
      require(positive(initialDelay), "retry.initial-delay must be positive");
      require(multiplier >= 1.0 && multiplier <= 10.0, "retry.multiplier must be in 1..10");
      require(maxDelay.compareTo(initialDelay) >= 0, "retry.max-delay must be at least retry.initial-delay");
      require(maxDelay.compareTo(Duration.ofDays(1)) <= 0, "retry.max-delay must be at most 1d");
    }
  }

  /**
   * @param concurrency consumers per work queue
   * @param prefetch unacknowledged jobs each consumer holds
   */
  public record Workers(@DefaultValue("2") int concurrency, @DefaultValue("10") int prefetch) {

    public Workers {
      require(concurrency >= 1 && concurrency <= 64, "workers.concurrency must be in 1..64");
      require(prefetch >= 1 && prefetch <= 1000, "workers.prefetch must be in 1..1000");
    }
  }

  /**
   * @param maxEvents event ids remembered as already turned into jobs (drops Kafka redeliveries)
   * @param eventTtl how long one is remembered
   * @param maxSentMails Message-IDs remembered as already sent (the SMTP path's idempotency)
   * @param sentMailTtl how long one is remembered
   */
  public record Dedup(@DefaultValue("100000") int maxEvents, @DefaultValue("24h") Duration eventTtl,
      @DefaultValue("100000") int maxSentMails, @DefaultValue("24h") Duration sentMailTtl) {

    public Dedup {
      require(maxEvents >= 1 && maxSentMails >= 1, "dedup.max-events and max-sent-mails must be at least 1");
      require(positive(eventTtl) && positive(sentMailTtl), "dedup TTLs must be positive");
    }
  }

  /**
   * The user service's internal contact endpoint ({@code GET /internal/users/{id}/contact}).
   *
   * @param baseUrl where the user service listens
   * @param connectTimeout how long connecting may take
   * @param readTimeout how long the answer may take
   * @param cacheSize contacts kept
   * @param cacheTtl how long a contact is kept: short, so that a changed address is used soon
   */
  public record Users(@DefaultValue("http://127.0.0.1:8081") URI baseUrl, @DefaultValue("1s") Duration connectTimeout,
      @DefaultValue("2s") Duration readTimeout, @DefaultValue("10000") int cacheSize,
      @DefaultValue("1m") Duration cacheTtl) {

    public Users {
      require(baseUrl.isAbsolute(), "users.base-url must be an absolute URL");
      require(positive(connectTimeout) && positive(readTimeout), "users timeouts must be positive");
      require(cacheSize >= 0, "users.cache-size must not be negative");
      require(positive(cacheTtl), "users.cache-ttl must be positive");
    }
  }

  /**
   * The SMS and push providers' APIs ({@code POST /v1/sms}, {@code POST /v1/push}).
   *
   * @param smsUrl base URL of the SMS provider
   * @param pushUrl base URL of the push provider
   * @param connectTimeout how long connecting may take
   * @param readTimeout how long an answer may take
   */
  public record Providers(@DefaultValue("http://127.0.0.1:8098") URI smsUrl,
      @DefaultValue("http://127.0.0.1:8098") URI pushUrl, @DefaultValue("1s") Duration connectTimeout,
      @DefaultValue("5s") Duration readTimeout) {

    public Providers {
      require(smsUrl.isAbsolute() && pushUrl.isAbsolute(), "providers: sms-url and push-url must be absolute URLs");
      require(positive(connectTimeout) && positive(readTimeout), "providers timeouts must be positive");
    }
  }

  /**
   * @param from the sender of every mail
   * @param fromName the sender's display name
   * @param messageIdDomain the right-hand side of each mail's {@code Message-ID}
   * @param connectionIdleTimeout how long an SMTP session is kept open without a mail to send;
   *     keep it below the mail server's own idle timeout
   * @param mailsPerConnection mails sent over one SMTP session before it is closed
   * @param maxIdleConnections SMTP sessions kept open while idle (0: each closed after its mail)
   */
  public record Email(@DefaultValue("orders@emporium.local") String from, @DefaultValue("Emporium") String fromName,
      @DefaultValue("notification.emporium.local") String messageIdDomain,
      @DefaultValue("10s") Duration connectionIdleTimeout, @DefaultValue("100") int mailsPerConnection,
      @DefaultValue("8") int maxIdleConnections) {

    public Email {
      require(from.matches("[^@\\s]+@[^@\\s]+"), "email.from must be an email address");
      require(messageIdDomain.matches("[A-Za-z0-9.-]{1,200}"), "email.message-id-domain must be a domain name");
      require(positive(connectionIdleTimeout) && connectionIdleTimeout.compareTo(Duration.ofMinutes(10)) <= 0,
          "email.connection-idle-timeout must be between 1 ms and 10 minutes");
      require(mailsPerConnection >= 1 && mailsPerConnection <= 100_000,
          "email.mails-per-connection must be in 1..100000 (1: a new session for every mail)");
      require(maxIdleConnections >= 0 && maxIdleConnections <= 256, "email.max-idle-connections must be in 0..256");
    }
  }

  private static boolean positive(Duration duration) {
    return !duration.isNegative() && !duration.isZero();
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException("emporium.notification." + message);
    }
  }
}
