package dev.emporium.user.token;

import static dev.emporium.user.UserTestSupport.CLIENT_ID;
import static dev.emporium.user.UserTestSupport.CLIENT_SECRET;
import static dev.emporium.user.UserTestSupport.postForm;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.SignedJWT;
import dev.emporium.platform.testing.InProcessKafka;
import dev.emporium.platform.testing.PostgresDatabases;
import dev.emporium.platform.testing.TestDatabase;
import dev.emporium.user.UserTestSupport;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import java.nio.charset.StandardCharsets;
import dev.emporium.platform.testing.HttpTestClient;

/** Rotating the signing key keeps tokens signed by the old one verifiable until they expire. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class KeyRotationIT {

  static final TestDatabase db = PostgresDatabases.create(KeyRotationIT.class);
  static final InProcessKafka kafka = InProcessKafka.shared();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    UserTestSupport.register(registry, db, kafka, kafka.newTopic("user-events"));
    registry.add("emporium.user.keys.encryption-key", () -> "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
  }

  @LocalServerPort int port;
  @Autowired SigningKeys keys;
  @Autowired JdbcClient jdbc;

  @Test
  @org.junit.jupiter.api.Order(1) // first: before any other test of this database makes a key
  void aReadyServicePublishesTheKeyOfItsFirstTokenBeforeIssuingIt() throws Exception {
    java.util.List<String> publishedAtStart = JwksVerifier.served(port).getKeys().stream().map(JWK::getKeyID).toList();

    String first = serviceToken();

    assertThat(publishedAtStart).contains(SignedJWT.parse(first).getHeader().getKeyID());
  }

  @Test
  void oldKeyStaysPublishedAndVerifiesItsTokensAfterRotation() throws Exception {
    String before = serviceToken();
    String oldKid = SignedJWT.parse(before).getHeader().getKeyID();

    keys.rotate();
    String after = serviceToken();

    String newKid = SignedJWT.parse(after).getHeader().getKeyID();
    assertThat(newKid).isNotEqualTo(oldKid);
    assertThat(JwksVerifier.served(port).getKeys()).extracting(JWK::getKeyID).contains(oldKid, newKid);
    assertThat(JwksVerifier.verify(port, before).getSubject()).isEqualTo(CLIENT_ID);
    assertThat(JwksVerifier.verify(port, after).getSubject()).isEqualTo(CLIENT_ID);
  }

  @Test
  void keysRetiredLongerThanATokensLifeAreNoLongerPublished() throws Exception {
    String oldKid = SignedJWT.parse(serviceToken()).getHeader().getKeyID();
    keys.rotate();
    // Retired 1 h 2 min ago: longer than the access-token lifetime plus the check interval.
    jdbc.sql("UPDATE signing_keys SET retired_at = now() - interval '62 minutes' WHERE kid = :kid")
        .param("kid", oldKid).update();

    assertThat(JwksVerifier.served(port).getKeys()).extracting(JWK::getKeyID).doesNotContain(oldKid);
    keys.check();
    assertThat(jdbc.sql("SELECT count(*) FROM signing_keys WHERE kid = :kid").param("kid", oldKid)
        .query(Long.class).single()).isZero();
  }

  @Test
  void privateKeysAreStoredEncryptedAndNeverPublished() throws Exception {
    serviceToken();

    String served = HttpTestClient.forPort(port).get("/.well-known/jwks.json").body();
    assertThat(served).contains("\"n\"").doesNotContain("\"d\"").doesNotContain("\"p\"");
    byte[] stored = jdbc.sql("SELECT private_key FROM signing_keys ORDER BY created_at DESC LIMIT 1")
        .query(byte[].class).single();
    assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("\"kty\"");
  }

  private String serviceToken() {
    var response = postForm(port, "/api/auth/token", Map.of("grant_type", "client_credentials",
        "client_id", CLIENT_ID, "client_secret", CLIENT_SECRET));
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json().get("access_token").asString();
  }
}
