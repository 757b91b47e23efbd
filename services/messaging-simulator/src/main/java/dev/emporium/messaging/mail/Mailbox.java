package dev.emporium.messaging.mail;

import dev.emporium.messaging.MessagingProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The mails the sink received, newest first, at most {@code emporium.messaging.smtp.max-messages}
 * of them: past that the oldest is forgotten, which bounds memory at about max-messages times
 * max-message-size.
 */
@Component
public class Mailbox {

  private final Deque<ReceivedMail> mails = new ArrayDeque<>();
  private final int max;

  public Mailbox(MessagingProperties properties, MeterRegistry meters) {
    this.max = properties.smtp().maxMessages();
    Gauge.builder("messaging.stored", this, Mailbox::size).tag("channel", "mail")
        .description("Deliveries kept in memory, by channel").register(meters);
  }

  public void add(ReceivedMail mail) {
    synchronized (mails) {
      mails.addFirst(mail);
      while (mails.size() > max) {
        mails.removeLast();
      }
    }
  }

  /** The newest {@code limit} mails, only those delivered to {@code recipient} when it is given. */
  public List<ReceivedMail> newest(@Nullable String recipient, int limit) {
    List<ReceivedMail> found = new ArrayList<>();
    synchronized (mails) {
      for (ReceivedMail mail : mails) {
        if (found.size() >= limit) {
          break;
        }
        if (recipient == null || recipient.isBlank() || mail.isFor(recipient)) {
          found.add(mail);
        }
      }
    }
    return found;
  }

  public int size() {
    synchronized (mails) {
      return mails.size();
    }
  }
}
