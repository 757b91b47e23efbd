package dev.emporium.messaging;

import dev.emporium.platform.testing.HttpTestClient;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.Properties;
import java.util.UUID;

/** What the simulator's integration tests share: keys, metrics, and a mail client. */
public final class MessagingTestSupport {

  public static final String KEY = "Idempotency-Key";

  private MessagingTestSupport() {}

  public static String newKey() {
    return "key-" + UUID.randomUUID();
  }

  /** A phone number no other test uses. */
  public static String newPhone() {
    return "+4917" + String.format("%09d", Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 1_000_000_000L));
  }

  /** The value of the series {@code name} whose labels contain {@code labelFragment}, 0 when absent. */
  public static double metric(HttpTestClient client, String name, String labelFragment) {
    String text = client.get("/metrics").body();
    return text.lines().filter(line -> line.startsWith(name + "{") && line.contains(labelFragment))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
  }

  /** Sends a multipart/alternative mail (plain text and HTML) over SMTP, as the notification service does. */
  public static void sendMail(int smtpPort, String to, String subject, String text, String html, String messageId)
      throws MessagingException, java.io.UnsupportedEncodingException {
    Properties config = new Properties();
    config.put("mail.smtp.host", "127.0.0.1");
    config.put("mail.smtp.port", String.valueOf(smtpPort));
    config.put("mail.smtp.connectiontimeout", "5000");
    config.put("mail.smtp.timeout", "10000");
    Session session = Session.getInstance(config);
    MimeMessage message = new MimeMessage(session) {
      @Override
      protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", messageId);
      }
    };
    message.setFrom(new InternetAddress("shop@emporium.test", "Emporium"));
    message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
    message.setSubject(subject, "UTF-8");
    MimeMultipart alternative = new MimeMultipart("alternative");
    MimeBodyPart plain = new MimeBodyPart();
    plain.setText(text, "UTF-8");
    MimeBodyPart rich = new MimeBodyPart();
    rich.setContent(html, "text/html; charset=UTF-8");
    alternative.addBodyPart(plain);
    alternative.addBodyPart(rich);
    message.setContent(alternative);
    Transport.send(message);
  }
}
