package dev.emporium.messaging.api;

import dev.emporium.messaging.MessagingProperties;
import dev.emporium.messaging.mail.Mailbox;
import dev.emporium.messaging.mail.ReceivedMail;
import io.swagger.v3.oas.annotations.Operation;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What the SMTP sink received, so that a developer sees the mails the platform sent. */
@RestController
@RequestMapping("/v1/mail")
class MailController {

  private final Mailbox mailbox;
  private final int maxListLimit;

  MailController(Mailbox mailbox, MessagingProperties properties) {
    this.mailbox = mailbox;
    this.maxListLimit = properties.maxListLimit();
  }

  @GetMapping
  @Operation(summary = "The mails received, newest first, optionally only those delivered to one address")
  Listing<ReceivedMail> list(@RequestParam(required = false) @Nullable String to,
      @RequestParam(defaultValue = "" + ListLimit.DEFAULT) int limit) {
    return Listing.of(mailbox.newest(to, ListLimit.check(limit, maxListLimit)));
  }
}
