package dev.emporium.messaging.mail;

import dev.emporium.messaging.MessagingProperties;
import dev.emporium.messaging.behaviour.BehaviourControl;
import dev.emporium.messaging.behaviour.Channel;
import dev.emporium.messaging.behaviour.Fault;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.TooMuchDataException;
import org.subethamail.smtp.server.SMTPServer;

/**
 * The SMTP server that stands in for a mail relay: it accepts every mail (no authentication, no
 * TLS: it is a sink for development and tests, never a relay) and keeps it in the {@link Mailbox}.
 * The {@code mail} channel's behaviour applies to each mail when its data arrives: the latency, and
 * a refusal with {@code 451 4.3.0} (a temporary failure, so the sender retries), keeping nothing.
 * Each SMTP session runs on a virtual thread.
 */
@Component
public class SmtpSink implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(SmtpSink.class);
  private static final SecureRandom IDS = new SecureRandom();

  private final MessagingProperties.Smtp config;
  private final Mailbox mailbox;
  private final BehaviourControl behaviour;
  private final Counter received;
  private final Counter injected;
  private final Clock clock = Clock.systemUTC();
  private volatile SMTPServer server;
  private volatile ExecutorService sessions;

  public SmtpSink(MessagingProperties properties, Mailbox mailbox, BehaviourControl behaviour, MeterRegistry meters) {
    this.config = properties.smtp();
    this.mailbox = mailbox;
    this.behaviour = behaviour;
    this.received = Counter.builder("messaging.deliveries").tag("channel", "mail")
        .description("Deliveries accepted, by channel (replays not counted)").register(meters);
    this.injected = Counter.builder("messaging.injected.failures").tag("channel", "mail")
        .description("Deliveries refused on purpose by the behaviour, by channel").register(meters);
  }

  @Override
  public synchronized void start() {
    sessions = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("smtp-session-", 0).factory());
    SMTPServer.Builder builder = SMTPServer.port(config.port())
        .hostName("messaging-simulator")
        .softwareName("Emporium messaging simulator")
        .messageHandlerFactory(Handler::new)
        .executorService(sessions)
        .maxMessageSize(config.maxMessageSize())
        .maxRecipients(config.maxRecipients())
        .connectionTimeoutMs((int) config.connectionTimeout().toMillis());
    if (config.bindAddress() != null && !config.bindAddress().isBlank()) {
      try {
        builder.bindAddress(InetAddress.getByName(config.bindAddress()));
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("emporium.messaging.smtp.bind-address: unknown host " + config.bindAddress(), e);
      }
    }
    SMTPServer started = builder.build();
    started.start();
    server = started;
    log.info("SMTP sink listening on port {}", started.getPortAllocated());
  }

  @Override
  public synchronized void stop() {
    if (server != null) {
      server.stop();
      server = null;
    }
    if (sessions != null) {
      sessions.shutdownNow();
      try {
        sessions.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    SMTPServer current = server;
    return current != null && current.isRunning();
  }

  /** The port the sink listens on (the one picked when configured as 0); -1 when not running. */
  public int port() {
    SMTPServer current = server;
    return current == null ? -1 : current.getPortAllocated();
  }

  /** One SMTP transaction: envelope sender, recipients, then the data. */
  private final class Handler implements MessageHandler {

    private String from = "";
    private final List<String> recipients = new ArrayList<>();

    Handler(MessageContext context) {}

    @Override
    public void from(String from) {
      this.from = from == null ? "" : from;
    }

    @Override
    public void recipient(String recipient) {
      recipients.add(recipient);
    }

    @Override
    public String data(InputStream data) throws RejectException, TooMuchDataException, IOException {
      byte[] raw = data.readNBytes(config.maxMessageSize() + 1);
      if (raw.length > config.maxMessageSize()) {
        throw new TooMuchDataException("552 5.3.4 Message larger than " + config.maxMessageSize() + " bytes");
      }
      Fault fault = behaviour.decide(Channel.MAIL);
      if (fault.delayMs() > 0) {
        try {
          Thread.sleep(fault.delayMs());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new RejectException(421, "4.3.2 Shutting down");
        }
      }
      if (fault.fail()) {
        injected.increment();
        throw new RejectException(451, "4.3.0 Injected failure: the mail was not accepted, try again later");
      }
      MimeReader.Content content;
      try {
        content = MimeReader.read(raw);
      } catch (MessagingException e) {
        throw new RejectException(554, "5.6.0 Not a readable MIME message");
      }
      mailbox.add(new ReceivedMail(newId(), content.messageId(), from, recipients, content.subject(),
          content.text(), content.html(), raw.length, clock.instant()));
      received.increment();
      return null;
    }

    @Override
    public void done() {}
  }

  private static String newId() {
    byte[] bytes = new byte[12];
    IDS.nextBytes(bytes);
    return "mail_" + HexFormat.of().formatHex(bytes);
  }
}
