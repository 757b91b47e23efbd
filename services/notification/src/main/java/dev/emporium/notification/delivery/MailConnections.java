package dev.emporium.notification.delivery;

import dev.emporium.notification.NotificationProperties;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * SMTP sessions kept open between mails, as mail relays expect of a busy sender: opening one per
 * mail (a TCP connection, the greeting, EHLO, QUIT) costs both ends more than the mail itself. A
 * session idle longer than {@code email.connection-idle-timeout}, or that has carried
 * {@code email.mails-per-connection} mails, is closed; one that failed is never used again. A
 * reused session that turns out to be closed by the server (its idle timeout may be shorter than
 * ours) gets the mail again on a fresh one, once.
 */
@Component
class MailConnections implements DisposableBean {

  private final JavaMailSenderImpl mail;
  private final NotificationProperties.Email config;
  private final Deque<Session> idle = new ConcurrentLinkedDeque<>();
  private final AtomicInteger opened = new AtomicInteger();
  private volatile boolean closed;

  @Autowired
  MailConnections(JavaMailSenderImpl mail, NotificationProperties properties) {
    this(mail, properties.email());
  }

  MailConnections(JavaMailSenderImpl mail, NotificationProperties.Email config) {
    this.mail = mail;
    this.config = config;
  }

  /** One open SMTP session and what it has carried. */
  private record Session(Transport transport, int mails, long idleSinceNanos) {}

  /** Sends {@code message} to all its recipients; the exceptions are Jakarta Mail's. */
  void send(MimeMessage message) throws MessagingException {
    Address[] recipients = message.getAllRecipients() == null ? new Address[0] : message.getAllRecipients();
    Session reused = take();
    if (reused != null) {
      try {
        giveBack(sendOver(reused, message, recipients));
        return;
      } catch (MessagingException e) {
        if (!closedByServer(e)) {
          throw e;
        }
      }
    }
    giveBack(sendOver(open(), message, recipients));
  }

  /** The session after one more mail; closed, and the failure thrown, when the mail did not go. */
  private static Session sendOver(Session session, MimeMessage message, Address[] recipients)
      throws MessagingException {
    try {
      session.transport().sendMessage(message, recipients);
    } catch (MessagingException e) {
      quietlyClose(session.transport());
      throw e;
    }
    return new Session(session.transport(), session.mails() + 1, System.nanoTime());
  }

  /** Sessions opened since the start: how many the mails needed. */
  int opened() {
    return opened.get();
  }

  private Session take() {
    long now = System.nanoTime();
    long idleNanos = config.connectionIdleTimeout().toNanos();
    for (Session session = idle.pollFirst(); session != null; session = idle.pollFirst()) {
      if (now - session.idleSinceNanos() < idleNanos) {
        return session;
      }
      quietlyClose(session.transport());
    }
    return null;
  }

  private void giveBack(Session session) {
    if (closed || session.mails() >= config.mailsPerConnection() || idle.size() >= config.maxIdleConnections()) {
      quietlyClose(session.transport());
      return;
    }
    idle.offerFirst(session);
    if (closed) {
      closeIdle();
    }
  }

  private Session open() throws MessagingException {
    // As JavaMailSenderImpl connects: empty credentials mean none.
    String username = mail.getUsername();
    String password = mail.getPassword();
    if ("".equals(username)) {
      username = null;
      password = "".equals(password) ? null : password;
    }
    String protocol = mail.getProtocol() != null ? mail.getProtocol()
        : mail.getSession().getProperty("mail.transport.protocol");
    Transport transport = mail.getSession().getTransport(protocol != null ? protocol : "smtp");
    transport.connect(mail.getHost(), mail.getPort(), username, password);
    opened.incrementAndGet();
    return new Session(transport, 0, System.nanoTime());
  }

  /**
   * Whether a failure on a reused session is the session's rather than the mail's: no SMTP reply
   * at all (the server closed it while idle), or 421, the server closing it.
   */
  static boolean closedByServer(MessagingException e) {
    int code = EmailDelivery.smtpReplyCode(e);
    return code <= 0 || code == 421;
  }

  private void closeIdle() {
    for (Session session = idle.pollFirst(); session != null; session = idle.pollFirst()) {
      quietlyClose(session.transport());
    }
  }

  private static void quietlyClose(Transport transport) {
    try {
      transport.close();
    } catch (MessagingException | RuntimeException e) {
      // Closing sends QUIT; a session already broken has nothing left to say.
    }
  }

  @Override
  public void destroy() {
    closed = true;
    closeIdle();
  }
}
