package dev.emporium.messaging.delivery;

import dev.emporium.messaging.MessagingProperties;
import dev.emporium.messaging.idempotency.IdempotencyStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * The SMS and push providers: validate a message, deliver it (keep it in the channel's log), and
 * remember it under its idempotency key. Validation happens before the key is consulted, so a
 * rejected message leaves the key unused.
 */
@Service
public class Providers {

  /** E.164: a plus, a country code that does not start with 0, at most 15 digits in all. */
  public static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");

  private static final SecureRandom IDS = new SecureRandom();

  private final MessagingProperties properties;
  private final Clock clock = Clock.systemUTC();
  private final DeliveryLog<Sms> sms;
  private final DeliveryLog<Push> push;
  private final IdempotencyStore smsKeys;
  private final IdempotencyStore pushKeys;
  private final Counter smsDelivered;
  private final Counter pushDelivered;

  public Providers(MessagingProperties properties, MeterRegistry meters) {
    this.properties = properties;
    this.sms = new DeliveryLog<>(properties.sms().maxDeliveries());
    this.push = new DeliveryLog<>(properties.push().maxDeliveries());
    MessagingProperties.Idempotency keys = properties.idempotency();
    this.smsKeys = new IdempotencyStore(keys.ttl(), keys.maxKeys(), clock);
    this.pushKeys = new IdempotencyStore(keys.ttl(), keys.maxKeys(), clock);
    this.smsDelivered = delivered(meters, "sms");
    this.pushDelivered = delivered(meters, "push");
    Gauge.builder("messaging.stored", sms, DeliveryLog::size).tag("channel", "sms")
        .description("Deliveries kept in memory, by channel").register(meters);
    Gauge.builder("messaging.stored", push, DeliveryLog::size).tag("channel", "push")
        .description("Deliveries kept in memory, by channel").register(meters);
  }

  private static Counter delivered(MeterRegistry meters, String channel) {
    return Counter.builder("messaging.deliveries").tag("channel", channel)
        .description("Deliveries accepted, by channel (replays not counted)").register(meters);
  }

  public IdempotencyStore smsKeys() {
    return smsKeys;
  }

  public IdempotencyStore pushKeys() {
    return pushKeys;
  }

  public DeliveryLog<Sms> smsLog() {
    return sms;
  }

  public DeliveryLog<Push> pushLog() {
    return push;
  }

  /** Checks a text message against the API's rules, naming the field it breaks. */
  public void checkSms(@Nullable String to, @Nullable String body) {
    if (to == null || !E164.matcher(to).matches()) {
      throw new InvalidMessageException("to", "must be a phone number in E.164 form, such as +491701234567", Map.of());
    }
    text("body", body, properties.sms().maxBodyLength());
  }

  public void checkPush(@Nullable String userId, @Nullable String title, @Nullable String body) {
    text("userId", userId, properties.push().maxUserIdLength());
    text("title", title, properties.push().maxTitleLength());
    text("body", body, properties.push().maxBodyLength());
  }

  public Sms deliverSms(String to, String body, String key) {
    Sms delivered = new Sms(newId("sms_"), to, body, key, clock.instant());
    sms.add(delivered);
    smsDelivered.increment();
    return delivered;
  }

  public Push deliverPush(String userId, String title, String body, String key) {
    Push delivered = new Push(newId("push_"), userId, title, body, key, clock.instant());
    push.add(delivered);
    pushDelivered.increment();
    return delivered;
  }

  private static void text(String field, @Nullable String value, int max) {
    if (value == null || value.isBlank()) {
      throw new InvalidMessageException(field, "must not be blank", Map.of());
    }
    if (value.length() > max) {
      throw new InvalidMessageException(field, "must be at most " + max + " characters", Map.of("max", max));
    }
  }

  private static String newId(String prefix) {
    byte[] bytes = new byte[12];
    IDS.nextBytes(bytes);
    return prefix + HexFormat.of().formatHex(bytes);
  }
}
