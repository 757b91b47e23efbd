package dev.emporium.user.token;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PkceTest {

  /** RFC 7636, Appendix B. */
  private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
  private static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

  @Test
  void theS256ChallengeIsTheRfcsExample() {
    assertThat(Pkce.challengeOf(VERIFIER)).isEqualTo(CHALLENGE);
    assertThat(Pkce.matches(VERIFIER, CHALLENGE)).isTrue();
    assertThat(Pkce.matches(VERIFIER.replace('d', 'e'), CHALLENGE)).isFalse();
    assertThat(Pkce.matches(VERIFIER, CHALLENGE.substring(1))).isFalse();
  }

  @Test
  void verifiersAre43To128UnreservedCharacters() {
    assertThat(Pkce.isWellFormedVerifier(VERIFIER)).isTrue();
    assertThat(Pkce.isWellFormedVerifier("a".repeat(128))).isTrue();
    assertThat(Pkce.isWellFormedVerifier("a".repeat(42))).isFalse();
    assertThat(Pkce.isWellFormedVerifier("a".repeat(129))).isFalse();
    assertThat(Pkce.isWellFormedVerifier("a".repeat(42) + "+")).isFalse();
  }

  @Test
  void challengesAreExactlyOneS256Digest() {
    assertThat(Pkce.isWellFormedChallenge(CHALLENGE)).isTrue();
    assertThat(Pkce.isWellFormedChallenge(CHALLENGE + "A")).isFalse();
    assertThat(Pkce.isWellFormedChallenge(CHALLENGE.replace('E', '='))).isFalse();
  }
}
