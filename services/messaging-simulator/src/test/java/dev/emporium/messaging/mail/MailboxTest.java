package dev.emporium.messaging.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.messaging.MessagingProperties;
import dev.emporium.messaging.behaviour.Behaviour;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MailboxTest {

  final Mailbox mailbox = new Mailbox(new MessagingProperties(
      new MessagingProperties.Behaviours(Behaviour.NORMAL, Behaviour.NORMAL, Behaviour.NORMAL), Duration.ofSeconds(1),
      new MessagingProperties.Smtp(0, null, 3, 4096, 10, Duration.ofSeconds(5)), new MessagingProperties.Sms(10, 160),
      new MessagingProperties.Push(10, 10, 10, 10), new MessagingProperties.Idempotency(Duration.ofHours(1), 10, 100),
      100, null), new SimpleMeterRegistry());

  static ReceivedMail mail(String id, String... to) {
    return new ReceivedMail(id, "<" + id + "@test>", "shop@emporium.test", List.of(to), "s " + id, "t", null, 10,
        Instant.now());
  }

  @Test
  void keepsTheNewestFirstAndForgetsTheOldestPastTheBound() {
    for (String id : new String[] {"m1", "m2", "m3", "m4"}) {
      mailbox.add(mail(id, "ada@example.org"));
    }

    assertThat(mailbox.newest(null, 10)).extracting(ReceivedMail::id).containsExactly("m4", "m3", "m2");
    assertThat(mailbox.newest(null, 2)).extracting(ReceivedMail::id).containsExactly("m4", "m3");
  }

  @Test
  void filtersByRecipientIgnoringCase() {
    mailbox.add(mail("m1", "ada@example.org"));
    mailbox.add(mail("m2", "grace@example.org", "ada@example.org"));
    mailbox.add(mail("m3", "grace@example.org"));

    assertThat(mailbox.newest("ADA@example.org", 10)).extracting(ReceivedMail::id).containsExactly("m2", "m1");
    assertThat(mailbox.newest("nobody@example.org", 10)).isEmpty();
  }
}
