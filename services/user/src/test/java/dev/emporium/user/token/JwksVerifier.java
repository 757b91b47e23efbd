package dev.emporium.user.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.emporium.platform.testing.HttpTestClient;
import dev.emporium.platform.testing.TestResponse;

/** Verifies a token the way the gateway does: with the key its {@code kid} names in the served JWKS. */
final class JwksVerifier {

  private JwksVerifier() {}

  static JWKSet served(int port) throws Exception {
    TestResponse jwks = HttpTestClient.forPort(port).get("/.well-known/jwks.json");
    assertThat(jwks.status()).isEqualTo(200);
    return JWKSet.parse(jwks.body());
  }

  /** The claims of {@code token}, after checking its RS256 signature against the served JWKS. */
  static JWTClaimsSet verify(int port, String token) throws Exception {
    SignedJWT jwt = SignedJWT.parse(token);
    assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
    RSAKey key = (RSAKey) served(port).getKeyByKeyId(jwt.getHeader().getKeyID());
    assertThat(key).as("the JWKS publishes key " + jwt.getHeader().getKeyID()).isNotNull();
    assertThat(key.isPrivate()).isFalse();
    assertThat(jwt.verify(new RSASSAVerifier(key))).as("signature").isTrue();
    return jwt.getJWTClaimsSet();
  }
}
