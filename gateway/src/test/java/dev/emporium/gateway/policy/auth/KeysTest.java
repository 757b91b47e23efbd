package dev.emporium.gateway.policy.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import dev.emporium.gateway.policy.auth.jwt.PemKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading issuer keys from PEM files, and the small helpers every identity policy uses. */
class KeysTest {

  @TempDir
  Path dir;

  private Path write(String name, String text) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + type + "-----\n";
  }

  @Test
  void readsRsaEcAndEd25519PublicKeys() throws Exception {
    RSAKey rsa = TestKeys.rsa(null);
    var ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    Path file = write("keys.pem", TestKeys.publicPem(rsa) + TestKeys.publicPem(TestKeys.ec(null))
        + pem("PUBLIC KEY", ed.getPublic().getEncoded()));
    var keys = PemKeys.read(file);
    assertThat(keys).hasSize(3);
    assertThat(keys.get(0)).isEqualTo(rsa.toPublicJWK());
    assertThat(keys.get(2)).isInstanceOf(OctetKeyPair.class);
    assertThat(keys).allMatch(k -> !k.isPrivate());
  }

  @Test
  void refusesPrivateKeysAndFilesWithoutKeys() throws Exception {
    var pair = KeyPairGenerator.getInstance("RSA").generateKeyPair();
    Path privateKey = write("private.pem", pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
    assertThatThrownBy(() -> PemKeys.read(privateKey)).hasMessageContaining("PRIVATE KEY blocks are not accepted");
    Path empty = write("empty.pem", "nothing here");
    assertThatThrownBy(() -> PemKeys.read(empty)).hasMessageContaining("holds no PEM");
  }

  @Test
  void tokenHashesCompareByValue() {
    assertThat(TokenHash.of("a")).isEqualTo(TokenHash.of("a")).hasSameHashCodeAs(TokenHash.of("a"));
    assertThat(TokenHash.of("a")).isNotEqualTo(TokenHash.of("b"));
    assertThat(TokenHash.of("secret").toString()).doesNotContain("secret");
  }

  @Test
  void claimValuesAcceptListsAndSeparatedStringsAndDropWhatCannotTravelInAHeader() {
    assertThat(ClaimValues.list(List.of("a", "b", 3, "c,d", "e\r\nX-Evil: 1"))).containsExactly("a", "b");
    assertThat(ClaimValues.list("read  write,admin")).containsExactly("read", "write", "admin");
    assertThat(ClaimValues.at(java.util.Map.of("realm_access", java.util.Map.of("roles", List.of("x"))),
        "realm_access.roles")).isEqualTo(List.of("x"));
    assertThat(ClaimValues.scopes(java.util.Map.of("scp", List.of("a", "b")))).containsExactly("a", "b");
    assertThat(ClaimValues.list(null)).isEmpty();
  }

  @Test
  void challengesFollowRfc6750() {
    assertThat(Refusals.challenge(AuthOutcome.MISSING_CREDENTIALS, "Bearer", "emporium", null))
        .isEqualTo("Bearer realm=\"emporium\"");
    assertThat(Refusals.challenge(AuthOutcome.EXPIRED, "Bearer", "shop", null))
        .isEqualTo("Bearer realm=\"shop\", error=\"invalid_token\", error_description=\"The token has expired\"");
    for (AuthOutcome outcome : AuthOutcome.values()) {
      if (outcome.detail() != null) assertThat(outcome.detail()).doesNotContain("\"", "\\");
    }
  }
}
