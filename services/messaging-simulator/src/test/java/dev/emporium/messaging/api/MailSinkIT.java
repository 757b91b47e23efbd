package dev.emporium.messaging.api;

import static dev.emporium.messaging.MessagingTestSupport.metric;
import static dev.emporium.messaging.MessagingTestSupport.sendMail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.emporium.messaging.mail.SmtpSink;
import dev.emporium.platform.testing.HttpTestClient;
import dev.emporium.platform.testing.TestResponse;
import jakarta.mail.MessagingException;
import java.util.Map;
import java.util.UUID;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "emporium.messaging.smtp.port=0",
    "emporium.messaging.smtp.max-messages=5"})
class MailSinkIT {

  @LocalServerPort int port;
  @Autowired SmtpSink sink;
  HttpTestClient client;

  @BeforeEach
  void setUp() {
    client = HttpTestClient.forPort(port);
  }

  @AfterEach
  void heal() {
    assertThat(client.delete("/admin/behaviour").status()).isEqualTo(200);
  }

  @Test
  void keepsAReceivedMailWithItsTextAndHtmlParts() throws Exception {
    String to = "ada-" + UUID.randomUUID() + "@example.org";
    sendMail(sink.port(), to, "Your order 42 is confirmed – thank you", "Total: 42.50 EUR",
        "<p>Total: <b>42.50 EUR</b></p>", "<job-1.email@emporium.test>");

    TestResponse listed = client.get("/v1/mail?to=" + to);

    assertThat(listed.status()).isEqualTo(200);
    assertThat(listed.json().get("count").asInt()).isEqualTo(1);
    JsonNode mail = listed.json().get("items").get(0);
    assertThat(mail.get("id").asString()).startsWith("mail_");
    assertThat(mail.get("messageId").asString()).isEqualTo("<job-1.email@emporium.test>");
    assertThat(mail.get("from").asString()).isEqualTo("shop@emporium.test");
    assertThat(mail.get("to").get(0).asString()).isEqualTo(to);
    assertThat(mail.get("subject").asString()).isEqualTo("Your order 42 is confirmed – thank you");
    assertThat(mail.get("text").asString()).isEqualTo("Total: 42.50 EUR");
    assertThat(mail.get("html").asString()).isEqualTo("<p>Total: <b>42.50 EUR</b></p>");
    assertThat(mail.get("sizeBytes").asInt()).isPositive();
  }

  @Test
  void listsNewestFirstKeepsAtMostTheBoundAndFiltersByRecipient() throws Exception {
    String ada = "ada-" + UUID.randomUUID() + "@example.org";
    String grace = "grace-" + UUID.randomUUID() + "@example.org";
    for (int i = 1; i <= 6; i++) {
      sendMail(sink.port(), i % 2 == 0 ? grace : ada, "mail " + i, "text " + i, "<p>" + i + "</p>", "<m" + i + "@t>");
    }

    TestResponse all = client.get("/v1/mail");
    assertThat(all.json().get("items").valueStream().map(m -> m.get("subject").asString()))
        .containsExactly("mail 6", "mail 5", "mail 4", "mail 3", "mail 2");
    assertThat(client.get("/v1/mail?to=" + grace).json().get("items").valueStream()
        .map(m -> m.get("subject").asString())).containsExactly("mail 6", "mail 4", "mail 2");
    assertThat(client.get("/v1/mail?limit=2").json().get("count").asInt()).isEqualTo(2);
  }

  @Test
  void anInjectedFailureRefusesTheMailTemporarilyAndKeepsNothing() throws Exception {
    String to = "failing-" + UUID.randomUUID() + "@example.org";
    double before = metric(client, "messaging_injected_failures_total", "channel=\"mail\"");
    assertThat(client.put("/admin/behaviour/mail", Map.of("failureRate", 1)).status()).isEqualTo(200);

    assertThatThrownBy(() -> sendMail(sink.port(), to, "s", "t", "<p>h</p>", "<f@t>"))
        .isInstanceOf(MessagingException.class)
        .satisfies(e -> assertThat(smtpCode(e)).isEqualTo(451));
    assertThat(client.get("/v1/mail?to=" + to).json().get("count").asInt()).isZero();
    assertThat(metric(client, "messaging_injected_failures_total", "channel=\"mail\"") - before).isEqualTo(1);

    client.delete("/admin/behaviour/mail");
    sendMail(sink.port(), to, "s", "t", "<p>h</p>", "<f@t>");
    assertThat(client.get("/v1/mail?to=" + to).json().get("count").asInt()).isEqualTo(1);
  }

  @Test
  void rejectsAListLimitOutsideItsBounds() {
    TestResponse response = client.get("/v1/mail?limit=0");
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("limit");
    assertThat(client.get("/v1/mail?limit=1001").status()).isEqualTo(400);
  }

  @Test
  void readyWhileTheSinkListens() {
    TestResponse ready = client.get("/health/ready");
    assertThat(ready.status()).as(ready.body()).isEqualTo(200);
    assertThat(ready.body()).contains("\"smtp\"");
  }

  private static int smtpCode(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SMTPSendFailedException failed) {
        return failed.getReturnCode();
      }
      if (t instanceof MessagingException m && m.getNextException() != null && m.getNextException() != t.getCause()) {
        int code = smtpCode(m.getNextException());
        if (code > 0) {
          return code;
        }
      }
    }
    return -1;
  }
}
