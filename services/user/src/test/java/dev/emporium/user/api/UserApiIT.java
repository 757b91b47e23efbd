package dev.emporium.user.api;

import static dev.emporium.user.UserTestSupport.registration;
import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.platform.events.schema.EventSchemas;
import dev.emporium.platform.testing.HttpTestClient;
import dev.emporium.platform.testing.InProcessKafka;
import dev.emporium.platform.testing.PostgresDatabases;
import dev.emporium.platform.testing.TestDatabase;
import dev.emporium.platform.testing.TestResponse;
import dev.emporium.platform.testing.TopicReader;
import dev.emporium.user.UserTestSupport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UserApiIT {

  static final TestDatabase db = PostgresDatabases.create(UserApiIT.class);
  static final InProcessKafka kafka = InProcessKafka.shared();
  static final String topic = kafka.newTopic("user-events");

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    UserTestSupport.register(registry, db, kafka, topic);
  }

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired EventSchemas schemas;
  HttpTestClient anonymous;

  @BeforeEach
  void setUp() {
    anonymous = HttpTestClient.forPort(port);
  }

  @Test
  void registersAnAccountAndItsOwnerReadsTheProfile() {
    TestResponse created = anonymous.post("/api/users",
        registration("Ada@Example.org", "correct horse battery", "Ada Lovelace"));

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String id = created.json().get("id").asString();
    assertThat(created.json().get("email").asString()).isEqualTo("ada@example.org");
    assertThat(created.body()).doesNotContain("password").doesNotContain("argon2");

    TestResponse me = anonymous.as(id, "customer").get("/api/users/me");
    assertThat(me.status()).as(me.body()).isEqualTo(200);
    assertThat(me.json().get("name").asString()).isEqualTo("Ada Lovelace");
    assertThat(me.json().get("roles").get(0).asString()).isEqualTo("customer");
  }

  @Test
  void anOptionalPhoneIsStoredAndTheContactEndpointTellsEmailNameAndPhone() {
    var body = registration("Lin@Example.org", "correct horse battery", "Lin Tan");
    body.put("phone", "+491701234567");
    TestResponse created = anonymous.post("/api/users", body);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json().get("phone").asString()).isEqualTo("+491701234567");
    String id = created.json().get("id").asString();

    TestResponse contact = anonymous.get("/internal/users/" + id + "/contact");

    assertThat(contact.status()).as(contact.body()).isEqualTo(200);
    assertThat(contact.json().get("userId").asString()).isEqualTo(id);
    assertThat(contact.json().get("email").asString()).isEqualTo("lin@example.org");
    assertThat(contact.json().get("name").asString()).isEqualTo("Lin Tan");
    assertThat(contact.json().get("phone").asString()).isEqualTo("+491701234567");
    assertThat(contact.body()).doesNotContain("argon2").doesNotContain("roles");
  }

  @Test
  void theContactOfAUserWithoutAPhoneHasNoneAndAnUnknownUserIs404() {
    String id = anonymous.post("/api/users", registration("nophone@example.org", "correct horse battery", "No Phone"))
        .json().get("id").asString();

    assertThat(anonymous.get("/internal/users/" + id + "/contact").json().get("phone").isNull()).isTrue();
    TestResponse unknown = anonymous.get("/internal/users/" + UUID.randomUUID() + "/contact");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().get("type").asString()).isEqualTo("urn:emporium:problem:not-found");
    assertThat(anonymous.get("/internal/users/not-a-uuid/contact").status()).isEqualTo(404);
  }

  @Test
  void aPhoneNotInE164FormIsRefused() {
    var body = registration("badphone@example.org", "correct horse battery", "Bad Phone");
    body.put("phone", "0170 1234567");

    TestResponse response = anonymous.post("/api/users", body);

    assertThat(response.status()).isEqualTo(400);
    assertThat(error(response, "phone").get("message").asString()).contains("E.164");
    assertThat(response.body()).doesNotContain("0170 1234567");
  }

  @Test
  void storesPasswordsAsArgon2idHashes() {
    anonymous.post("/api/users", registration("hash@example.org", "correct horse battery", "Hash"));

    String stored = jdbc.sql("SELECT password_hash FROM users WHERE email = 'hash@example.org'")
        .query(String.class).single();
    assertThat(stored).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain("correct horse battery");
  }

  @Test
  void aTakenEmailIsAConflictWhateverItsCase() {
    assertThat(anonymous.post("/api/users", registration("grace@example.org", "correct horse battery", "Grace"))
        .status()).isEqualTo(201);

    TestResponse again = anonymous.post("/api/users",
        registration("GRACE@example.org", "another long password", "Grace H."));

    assertThat(again.status()).isEqualTo(409);
    assertThat(again.contentType()).startsWith("application/problem+json");
    assertThat(again.json().get("type").asString()).isEqualTo("urn:emporium:problem:conflict");
  }

  @Test
  void validationNamesEachFieldAndItsLimit() {
    TestResponse response = anonymous.post("/api/users", registration("not-an-email", "short", "x".repeat(101)));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("type").asString()).isEqualTo("urn:emporium:problem:validation");
    List<String> fields = response.json().get("errors").valueStream().map(e -> e.get("field").asString()).toList();
    assertThat(fields).contains("email", "password", "name");
    JsonNode password = error(response, "password");
    assertThat(password.get("limits").get("min").asInt()).isEqualTo(12);
    assertThat(password.get("limits").get("max").asInt()).isEqualTo(128);
    assertThat(error(response, "name").get("limits").get("max").asInt()).isEqualTo(100);
    assertThat(response.body()).doesNotContain("short");
  }

  @Test
  void tooLongAPasswordIsRefusedBeforeHashing() {
    TestResponse response = anonymous.post("/api/users", registration("long@example.org", "p".repeat(129), "Long"));

    assertThat(response.status()).isEqualTo(400);
    assertThat(error(response, "password").get("constraint").asString()).isEqualTo("Size");
  }

  @Test
  void profileNeedsTheGatewaysIdentity() {
    TestResponse withoutIdentity = anonymous.get("/api/users/me");
    assertThat(withoutIdentity.status()).isEqualTo(401);
    assertThat(withoutIdentity.json().get("type").asString()).isEqualTo("urn:emporium:problem:unauthenticated");
    assertThat(withoutIdentity.header("WWW-Authenticate")).isEqualTo("Bearer");

    assertThat(anonymous.as(UUID.randomUUID().toString()).get("/api/users/me").status()).isEqualTo(404);
    assertThat(anonymous.as("reporting", "service").get("/api/users/me").status()).isEqualTo(404);
  }

  @Test
  void registrationEmitsASchemaValidUserRegisteredEvent() {
    try (TopicReader reader = kafka.reader(topic)) {
      String id = anonymous.post("/api/users", registration("event@example.org", "correct horse battery", "Eve"))
          .json().get("id").asString();

      reader.awaitUntil(records -> records.stream().anyMatch(r -> id.equals(r.key())), "UserRegistered of " + id);
      ConsumerRecord<String, byte[]> record = reader.drain(Duration.ofMillis(200)).stream()
          .filter(r -> id.equals(r.key())).findFirst().orElseThrow();
      String json = new String(record.value(), StandardCharsets.UTF_8);
      assertThat(new String(record.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8))
          .isEqualTo("UserRegistered");
      assertThat(schemas.violations("UserRegistered", json)).as(json).isEmpty();
      assertThat(json).contains("event@example.org").doesNotContain("argon2");
    }
  }

  @Test
  void readyWhenTheDatabaseAnswers() {
    TestResponse ready = anonymous.get("/health/ready");
    assertThat(ready.status()).as(ready.body()).isEqualTo(200);
    assertThat(ready.body()).contains("\"db\"");
  }

  private static JsonNode error(TestResponse response, String field) {
    return response.json().get("errors").valueStream().filter(e -> e.get("field").asString().equals(field))
        .findFirst().orElseThrow();
  }
}
