package dev.emporium.gateway.policy.auth.jwt;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import java.util.ArrayList;
import java.util.List;

/** An issuer's verification keys at one moment. Immutable; a refresh makes a new one. */
record KeySet(List<VerificationKey> keys) {

  /** The most keys taken from one key set; more is a misconfiguration or an attack. */
  static final int MAX_KEYS = 100;

  static KeySet of(List<JWK> jwks) {
    List<VerificationKey> keys = new ArrayList<>();
    for (JWK jwk : jwks) {
      VerificationKey key = VerificationKey.from(jwk);
      if (key != null && keys.size() < MAX_KEYS) keys.add(key);
    }
    return new KeySet(List.copyOf(keys));
  }

  /** The keys that may verify a token with this key id (or none) and algorithm. */
  List<VerificationKey> candidates(String kid, JWSAlgorithm alg) {
    List<VerificationKey> out = null;
    for (VerificationKey key : keys) {
      if (key.matches(kid, alg)) {
        if (out == null) out = new ArrayList<>(2);
        out.add(key);
      }
    }
    return out == null ? List.of() : out;
  }
}
