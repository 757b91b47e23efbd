package dev.emporium.gateway.policy.auth.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import java.util.Set;

/**
 * One public key of an issuer with its verifier, made once when the key is loaded. The key's type
 * decides which algorithms it can verify: a key is never used with an algorithm of another family,
 * so an RSA public key can never serve as an HMAC secret.
 *
 * @param kid its key id, or null when it has none (PEM keys)
 * @param algorithms the algorithms it verifies
 * @param verifier the Nimbus verifier bound to it
 */
record VerificationKey(String kid, Set<JWSAlgorithm> algorithms, JWSVerifier verifier) {

  /** The smallest RSA modulus accepted. */
  static final int MIN_RSA_BITS = 2048;

  private static final Set<JWSAlgorithm> RSA = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
      JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512);
  private static final Set<JWSAlgorithm> ED25519 = Set.of(JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519);

  /**
   * The verification key for a JWK, or null when the JWK cannot verify signatures here: a secret
   * (symmetric) key, a key meant for encryption, a curve or size not accepted.
   */
  static VerificationKey from(JWK jwk) {
    if (jwk.getKeyUse() != null && !KeyUse.SIGNATURE.equals(jwk.getKeyUse())) return null;
    try {
      VerificationKey key = switch (jwk) {
        case RSAKey rsa when rsa.size() >= MIN_RSA_BITS ->
            new VerificationKey(rsa.getKeyID(), RSA, new RSASSAVerifier(rsa.toRSAPublicKey()));
        case ECKey ec when Curve.P_256.equals(ec.getCurve()) -> ec(ec, JWSAlgorithm.ES256);
        case ECKey ec when Curve.P_384.equals(ec.getCurve()) -> ec(ec, JWSAlgorithm.ES384);
        case ECKey ec when Curve.P_521.equals(ec.getCurve()) -> ec(ec, JWSAlgorithm.ES512);
        case OctetKeyPair okp when Curve.Ed25519.equals(okp.getCurve()) ->
            new VerificationKey(okp.getKeyID(), ED25519, new Ed25519Verifier(okp.toPublicJWK()));
        default -> null;
      };
      if (key == null || jwk.getAlgorithm() == null) return key;
      // A key that names its algorithm is used with that one only (EdDSA and Ed25519 are one).
      JWSAlgorithm named = JWSAlgorithm.parse(jwk.getAlgorithm().getName());
      Set<JWSAlgorithm> only = ED25519.contains(named) ? ED25519 : Set.of(named);
      if (!key.algorithms.containsAll(only)) return null;
      return new VerificationKey(key.kid, only, key.verifier);
    } catch (JOSEException e) {
      return null;
    }
  }

  private static VerificationKey ec(ECKey ec, JWSAlgorithm alg) throws JOSEException {
    return new VerificationKey(ec.getKeyID(), Set.of(alg), new ECDSAVerifier(ec.toECPublicKey()));
  }

  /** Whether this key may check a token with this key id and algorithm. */
  boolean matches(String tokenKid, JWSAlgorithm alg) {
    if (!algorithms.contains(alg)) return false;
    return kid == null || tokenKid == null || kid.equals(tokenKid);
  }
}
