package dev.emporium.notification.job;

import java.util.regex.Pattern;

/**
 * One notice to deliver on one channel. Its id is deterministic, the event id and the channel
 * ({@code <eventId>.<channel>}), so that every copy of a job (a Kafka redelivery planned again, a
 * retry) carries the same id: it is the providers' idempotency key and the mail's Message-ID.
 */
public record NotificationJob(String jobId, Channel channel, Notice notice) {

  /** What an event id must look like to be used as is in a job id (and so in headers). */
  private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9_-]{1,100}");

  public static NotificationJob of(Notice notice, Channel channel) {
    return new NotificationJob(idOf(notice.eventId(), notice.source(), channel), channel, notice);
  }

  /**
   * The job id of an event's notice on a channel. An event id that is not a plain token (CloudEvents
   * allows any string) is replaced by a name-based UUID of source and id: as deterministic, and
   * safe in an idempotency key and a Message-ID.
   */
  public static String idOf(String eventId, String source, Channel channel) {
    String id = SAFE_ID.matcher(eventId).matches() ? eventId
        : java.util.UUID.nameUUIDFromBytes((source + "\n" + eventId).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    return id + "." + channel.id();
  }
}
