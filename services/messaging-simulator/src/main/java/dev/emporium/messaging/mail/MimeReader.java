package dev.emporium.messaging.mail;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * Reads what a developer wants to see of a received MIME message: Message-ID, subject, and the
 * first plain-text and HTML parts, decoded. A part that cannot be decoded is left out rather than
 * failing the delivery: the sink keeps what it was sent.
 */
final class MimeReader {

  record Content(@Nullable String messageId, @Nullable String subject, @Nullable String text, @Nullable String html) {}

  static {
    // Named, Jakarta Mail's stream provider is not looked up through ServiceLoader for every part.
    System.getProperties().putIfAbsent("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
  }

  private static final Session SESSION = Session.getInstance(new Properties());

  private MimeReader() {}

  static Content read(byte[] raw) throws MessagingException, IOException {
    MimeMessage message = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
    String[] found = new String[2];
    collect(message, found, 0);
    return new Content(message.getMessageID(), message.getSubject(), found[0], found[1]);
  }

  /** Depth-first through multiparts, keeping the first text/plain and text/html; bounded depth. */
  private static void collect(Part part, String[] found, int depth) throws MessagingException, IOException {
    if (depth > 10) {
      return;
    }
    if (part.isMimeType("text/plain") && found[0] == null && !isAttachment(part)) {
      found[0] = part.getContent().toString();
    } else if (part.isMimeType("text/html") && found[1] == null && !isAttachment(part)) {
      found[1] = part.getContent().toString();
    } else if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart child = multipart.getBodyPart(i);
        collect(child, found, depth + 1);
      }
    }
  }

  private static boolean isAttachment(Part part) throws MessagingException {
    return Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition());
  }
}
