package dev.emporium.notification.delivery;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.emporium.notification.NotificationProperties;
import org.springframework.stereotype.Component;

/**
 * The Message-IDs of mails already sent (or being sent), bounded in count and time. SMTP has no
 * idempotency key, so this is the mail path's: a second copy of a job finds its Message-ID here and
 * sends nothing. Claiming is atomic, so two workers holding copies of one job send it once.
 */
@Component
public class SentMessageIds {

  private final Cache<String, Boolean> sent;

  public SentMessageIds(NotificationProperties properties) {
    this.sent = Caffeine.newBuilder().maximumSize(properties.dedup().maxSentMails())
        .expireAfterWrite(properties.dedup().sentMailTtl()).build();
  }

  /** True when this caller may send the mail; false when it was sent (or is being sent) already. */
  public boolean claim(String messageId) {
    return sent.asMap().putIfAbsent(messageId, Boolean.TRUE) == null;
  }

  /** Gives a claim back after a failed send, so that the retry sends it. */
  public void release(String messageId) {
    sent.invalidate(messageId);
  }
}
