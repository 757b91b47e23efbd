package dev.emporium.messaging.mail;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One mail as the sink received it.
 *
 * @param id the sink's own id, {@code mail_<hex>}
 * @param messageId the {@code Message-ID} header, if the sender set one
 * @param from the envelope sender (SMTP {@code MAIL FROM})
 * @param to the envelope recipients (SMTP {@code RCPT TO}): who it was delivered to
 * @param subject the decoded {@code Subject}
 * @param text the first {@code text/plain} part
 * @param html the first {@code text/html} part
 * @param sizeBytes the size of the message as transferred
 */
public record ReceivedMail(String id, @Nullable String messageId, String from, List<String> to,
    @Nullable String subject, @Nullable String text, @Nullable String html, int sizeBytes, Instant receivedAt) {

  public ReceivedMail {
    to = List.copyOf(to);
  }

  public boolean isFor(String recipient) {
    return to.stream().anyMatch(address -> address.equalsIgnoreCase(recipient.strip()));
  }
}
