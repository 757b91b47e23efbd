package dev.emporium.messaging;

import dev.emporium.messaging.behaviour.Behaviour;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The simulator's settings ({@code emporium.messaging.*}), checked at start-up.
 *
 * @param behaviour latency and failures per channel at start-up; {@code PUT /admin/behaviour/{channel}}
 *     replaces them while running and {@code DELETE /admin/behaviour} comes back to these
 * @param maxLatency the most latency (plus jitter) a behaviour may ask for, so that a typing
 *     mistake in a drill cannot hold deliveries for hours
 * @param smtp the SMTP sink
 * @param sms the SMS provider API
 * @param push the push provider API
 * @param idempotency how long and how many idempotency keys are remembered, per channel
 * @param maxListLimit the most deliveries one {@code GET /v1/...} returns
 * @param adminToken when set, {@code /admin/**} requires {@code Authorization: Bearer <token>};
 *     from the environment ({@code EMPORIUM_MESSAGING_ADMIN_TOKEN}), never from a file
 */
@ConfigurationProperties("emporium.messaging")
public record MessagingProperties(
    @DefaultValue Behaviours behaviour,
    @DefaultValue("60s") Duration maxLatency,
    @DefaultValue Smtp smtp,
    @DefaultValue Sms sms,
    @DefaultValue Push push,
    @DefaultValue Idempotency idempotency,
    @DefaultValue("1000") int maxListLimit,
    @Nullable String adminToken) {

  public MessagingProperties {
    require(!maxLatency.isNegative(), "max-latency must not be negative");
    require(maxListLimit >= 1, "max-list-limit must be at least 1");
    for (Behaviour b : new Behaviour[] {behaviour.mail(), behaviour.sms(), behaviour.push()}) {
      require(b.latencyMs() + b.latencyJitterMs() <= maxLatency.toMillis(),
          "behaviour.<channel>.latency-ms + latency-jitter-ms must be at most max-latency");
    }
    if (adminToken != null && adminToken.isBlank()) {
      adminToken = null;
    }
  }

  /** The behaviour of each channel: {@code mail} (the SMTP sink), {@code sms}, {@code push}. */
  public record Behaviours(@DefaultValue Behaviour mail, @DefaultValue Behaviour sms, @DefaultValue Behaviour push) {}

  /**
   * The SMTP sink.
   *
   * @param port where it listens (2525: no privileges needed); 0 picks a free port
   * @param bindAddress the address it listens on; unset, every interface
   * @param maxMessages mails kept; past it the oldest is forgotten
   * @param maxMessageSize the largest mail accepted, in bytes (advertised with SMTP SIZE)
   * @param maxRecipients recipients per mail
   * @param connectionTimeout how long an idle SMTP connection is kept
   */
  public record Smtp(@DefaultValue("2525") int port, @Nullable String bindAddress,
      @DefaultValue("1000") int maxMessages, @DefaultValue("1048576") int maxMessageSize,
      @DefaultValue("100") int maxRecipients, @DefaultValue("60s") Duration connectionTimeout) {

    public Smtp {
      require(port >= 0 && port <= 65535, "smtp.port must be in 0..65535");
      require(maxMessages >= 1, "smtp.max-messages must be at least 1");
      require(maxMessageSize >= 1024, "smtp.max-message-size must be at least 1024 bytes");
      require(maxRecipients >= 1, "smtp.max-recipients must be at least 1");
      require(!connectionTimeout.isNegative() && !connectionTimeout.isZero(), "smtp.connection-timeout must be positive");
    }
  }

  /**
   * The SMS provider API.
   *
   * @param maxDeliveries messages kept for {@code GET /v1/sms}; past it the oldest is forgotten
   * @param maxBodyLength the longest message text (10 concatenated segments of 160)
   */
  public record Sms(@DefaultValue("1000") int maxDeliveries, @DefaultValue("1600") int maxBodyLength) {

    public Sms {
      require(maxDeliveries >= 1, "sms.max-deliveries must be at least 1");
      require(maxBodyLength >= 1, "sms.max-body-length must be at least 1");
    }
  }

  /**
   * The push provider API.
   *
   * @param maxDeliveries notifications kept for {@code GET /v1/push}; past it the oldest is forgotten
   * @param maxUserIdLength the longest user id
   * @param maxTitleLength the longest title
   * @param maxBodyLength the longest text
   */
  public record Push(@DefaultValue("1000") int maxDeliveries, @DefaultValue("100") int maxUserIdLength,
      @DefaultValue("100") int maxTitleLength, @DefaultValue("1000") int maxBodyLength) {

    public Push {
      require(maxDeliveries >= 1, "push.max-deliveries must be at least 1");
      require(maxUserIdLength >= 1 && maxTitleLength >= 1 && maxBodyLength >= 1, "push limits must be at least 1");
    }
  }

  /**
   * Idempotency keys of the SMS and push APIs, each channel its own.
   *
   * @param ttl how long a key answers with its first response
   * @param maxKeys how many keys are remembered per channel; past it the oldest is forgotten first
   * @param maxKeyLength the longest key accepted
   */
  public record Idempotency(@DefaultValue("24h") Duration ttl, @DefaultValue("20000") int maxKeys,
      @DefaultValue("255") int maxKeyLength) {

    public Idempotency {
      require(!ttl.isNegative() && !ttl.isZero(), "idempotency.ttl must be positive");
      require(maxKeys >= 1, "idempotency.max-keys must be at least 1");
      require(maxKeyLength >= 1, "idempotency.max-key-length must be at least 1");
    }
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException("emporium.messaging." + message);
    }
  }
}
