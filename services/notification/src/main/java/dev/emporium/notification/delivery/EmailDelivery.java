package dev.emporium.notification.delivery;

import dev.emporium.notification.NotificationProperties;
import dev.emporium.notification.contact.Contact;
import dev.emporium.notification.contact.UserDirectory;
import dev.emporium.notification.job.Channel;
import dev.emporium.notification.job.NotificationJob;
import dev.emporium.notification.template.EmailContent;
import dev.emporium.notification.template.Templates;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * Sends a job's mail over SMTP (the server {@code spring.mail.*} names; the simulator's sink by
 * default): to the address and name the user service gives, plain text and HTML as alternatives,
 * with the Message-ID {@code <jobId@message-id-domain>}. A Message-ID already sent is not sent
 * again ({@link SentMessageIds}). Mails go over SMTP sessions kept open between them
 * ({@link MailConnections}). The server refusing with a 5xx reply (an address it does not take) is
 * permanent; a 4xx reply or no connection is retried.
 */
@Component
class EmailDelivery implements Delivery {

  static {
    JakartaMailProviders.nameThemOnce();
  }

  private final JavaMailSenderImpl mail;
  private final MailConnections connections;
  private final UserDirectory users;
  private final Templates templates;
  private final SentMessageIds sent;
  private final NotificationProperties.Email config;

  EmailDelivery(JavaMailSenderImpl mail, MailConnections connections, UserDirectory users, Templates templates,
      SentMessageIds sent, NotificationProperties properties) {
    this.mail = mail;
    this.connections = connections;
    this.users = users;
    this.templates = templates;
    this.sent = sent;
    this.config = properties.email();
  }

  @Override
  public Channel channel() {
    return Channel.EMAIL;
  }

  @Override
  public Outcome deliver(NotificationJob job) {
    Contact contact = users.contact(job.notice().userId());
    EmailContent content = templates.email(job.notice(), contact);
    String messageId = "<" + job.jobId() + "@" + config.messageIdDomain() + ">";
    if (!sent.claim(messageId)) {
      return Outcome.DUPLICATE;
    }
    try {
      connections.send(message(messageId, contact, content));
      return Outcome.DELIVERED;
    } catch (MessagingException e) {
      sent.release(messageId);
      throw classify(e, contact);
    } catch (RuntimeException e) {
      sent.release(messageId);
      throw e;
    }
  }

  private MimeMessage message(String messageId, Contact contact, EmailContent content) {
    MimeMessage message = new MimeMessage(mail.getSession()) {
      // Jakarta Mail gives every message a fresh Message-ID when it is saved; ours must stay the job's.
      @Override
      protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", messageId);
      }
    };
    // Built with Jakarta Mail itself: Spring's MimeMessageHelper loads the MIME types file anew for
    // every message it is not given by the sender, and this one needs no file types at all.
    try {
      String utf8 = StandardCharsets.UTF_8.name();
      MimeBodyPart text = new MimeBodyPart();
      text.setText(content.text(), utf8, "plain");
      MimeBodyPart html = new MimeBodyPart();
      html.setText(content.html(), utf8, "html");
      MimeMultipart alternatives = new MimeMultipart("alternative", text, html);
      message.setFrom(new InternetAddress(config.from(), config.fromName(), utf8));
      message.setRecipient(Message.RecipientType.TO, new InternetAddress(contact.email(), contact.name(), utf8));
      message.setSubject(content.subject(), utf8);
      message.setContent(alternatives);
      message.setSentDate(new Date());
      // Written out here, so that a mail that cannot be is a permanent failure, not a failed send.
      message.saveChanges();
      return message;
    } catch (MessagingException | UnsupportedEncodingException e) {
      throw new PermanentFailure("cannot write a mail to " + contact.userId() + ": " + e.getMessage(), e);
    }
  }

  private static RuntimeException classify(MessagingException e, Contact contact) {
    if (smtpReplyCode(e) >= 500) {
      return new PermanentFailure("the mail server refused the mail to " + contact.userId() + " for good: "
          + e.getMessage(), e);
    }
    return new IllegalStateException("the mail to " + contact.userId() + " was not sent: " + e.getMessage(), e);
  }

  /** The SMTP reply code anywhere in the cause chain (Jakarta Mail nests them), or -1. */
  static int smtpReplyCode(Throwable e) {
    for (Throwable t = e; t != null; t = next(t)) {
      if (t instanceof SMTPSendFailedException failed) {
        return failed.getReturnCode();
      }
      if (t instanceof SMTPAddressFailedException failed) {
        return failed.getReturnCode();
      }
    }
    return -1;
  }

  private static Throwable next(Throwable t) {
    if (t instanceof SendFailedException failed && failed.getNextException() != null) {
      return failed.getNextException();
    }
    return t.getCause() == t ? null : t.getCause();
  }
}
