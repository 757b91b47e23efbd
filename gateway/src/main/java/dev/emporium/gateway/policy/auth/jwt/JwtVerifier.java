package dev.emporium.gateway.policy.auth.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.emporium.gateway.policy.auth.AuthOutcome;
import dev.emporium.gateway.policy.auth.ClaimValues;
import dev.emporium.gateway.policy.auth.Identity;
import dev.emporium.gateway.policy.auth.IdentityHeaders;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.Future;
import java.text.ParseException;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Checks a JWT the way the issuer that signed it is configured, in this order: well formed and
 * signed (never {@code none}, never encrypted); its {@code iss} is a trusted issuer; its header's
 * {@code alg} is on that issuer's allow-list; a key of that issuer, of the algorithm's family,
 * verifies the signature; then {@code exp}, {@code nbf}, {@code aud} and {@code sub}.
 *
 * <p>Keys come only from the issuer's configured source. The token's own {@code jku}, {@code x5u},
 * {@code jwk} and {@code x5c} headers are never read, so a token cannot bring the key that verifies
 * it. Claims are checked only after the signature, so nothing is said about a forged token's
 * contents.
 */
final class JwtVerifier {

  /** One trusted issuer, compiled. */
  record Issuer(String name, Set<JWSAlgorithm> algorithms, KeySource keys, List<String> audiences, String rolesClaim,
      boolean requireExpiry) {}

  private final Map<String, Issuer> issuers;
  private final long skewMillis;
  private final LongSupplier clock;
  private final Counter validSignatures;
  private final Counter invalidSignatures;

  JwtVerifier(Map<String, Issuer> issuers, long skewMillis, LongSupplier clock, Counter validSignatures,
      Counter invalidSignatures) {
    this.issuers = Map.copyOf(issuers);
    this.skewMillis = skewMillis;
    this.clock = clock;
    this.validSignatures = validSignatures;
    this.invalidSignatures = invalidSignatures;
  }

  Future<Verification> verify(String token) {
    SignedJWT jwt;
    JWTClaimsSet claims;
    try {
      JWT parsed = JWTParser.parse(token);
      if (parsed instanceof PlainJWT) return refused(AuthOutcome.ALGORITHM_NOT_ALLOWED);
      if (!(parsed instanceof SignedJWT signed)) return refused(AuthOutcome.MALFORMED_TOKEN);
      jwt = signed;
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException | RuntimeException e) {
      return refused(AuthOutcome.MALFORMED_TOKEN);
    }
    Issuer issuer = claims.getIssuer() == null ? null : issuers.get(claims.getIssuer());
    if (issuer == null) return refused(AuthOutcome.UNTRUSTED_ISSUER);
    JWSHeader header = jwt.getHeader();
    JWSAlgorithm alg = header.getAlgorithm();
    if (!issuer.algorithms().contains(alg)) return refused(AuthOutcome.ALGORITHM_NOT_ALLOWED);

    String kid = header.getKeyID();
    return issuer.keys().keys().compose(keys -> {
      List<VerificationKey> candidates = keys.candidates(kid, alg);
      if (!candidates.isEmpty()) return Future.succeededFuture(check(jwt, claims, issuer, candidates));
      // A key we do not know: the issuer may have rotated its keys since we fetched them.
      return issuer.keys().refreshForUnknownKey().map(fresh -> {
        List<VerificationKey> again = fresh.candidates(kid, alg);
        return again.isEmpty() ? new Verification.Refused(AuthOutcome.UNKNOWN_KEY) : check(jwt, claims, issuer, again);
      });
    }, failure -> refused(failure instanceof JwksSource.KeysUnavailableException
        ? AuthOutcome.KEYS_UNAVAILABLE : AuthOutcome.UNKNOWN_KEY));
  }

  private Verification check(SignedJWT jwt, JWTClaimsSet claims, Issuer issuer, List<VerificationKey> candidates) {
    if (!signatureValid(jwt, candidates)) return new Verification.Refused(AuthOutcome.BAD_SIGNATURE);
    long now = clock.getAsLong();
    Date exp = claims.getExpirationTime();
    if (exp == null && issuer.requireExpiry()) return new Verification.Refused(AuthOutcome.MISSING_CLAIM);
    if (exp != null && now > exp.getTime() + skewMillis) return new Verification.Refused(AuthOutcome.EXPIRED);
    Date nbf = claims.getNotBeforeTime();
    if (nbf != null && now + skewMillis < nbf.getTime()) return new Verification.Refused(AuthOutcome.NOT_YET_VALID);
    if (!issuer.audiences().isEmpty() && !intersects(claims.getAudience(), issuer.audiences())) {
      return new Verification.Refused(AuthOutcome.WRONG_AUDIENCE);
    }
    String subject = claims.getSubject();
    if (!IdentityHeaders.isHeaderValue(subject)) return new Verification.Refused(AuthOutcome.MISSING_CLAIM);
    Map<String, Object> all = claims.getClaims();
    Identity identity = new Identity(subject, null, ClaimValues.list(ClaimValues.at(all, issuer.rolesClaim())),
        ClaimValues.scopes(all), "jwt");
    long validUntil = exp == null ? Long.MAX_VALUE : exp.getTime() + skewMillis;
    return new Verification.Verified(identity, validUntil);
  }

  private boolean signatureValid(SignedJWT jwt, List<VerificationKey> candidates) {
    byte[] input = jwt.getSigningInput();
    for (VerificationKey key : candidates) {
      try {
        if (key.verifier().verify(jwt.getHeader(), input, jwt.getSignature())) {
          validSignatures.increment();
          return true;
        }
      } catch (JOSEException e) {
        // A signature of the wrong length or encoding for this key: not valid with it.
      }
    }
    invalidSignatures.increment();
    return false;
  }

  private static boolean intersects(List<String> tokenAudiences, List<String> accepted) {
    if (tokenAudiences == null) return false;
    for (String a : tokenAudiences) {
      if (accepted.contains(a)) return true;
    }
    return false;
  }

  private static Future<Verification> refused(AuthOutcome outcome) {
    return Future.succeededFuture(new Verification.Refused(outcome));
  }
}
