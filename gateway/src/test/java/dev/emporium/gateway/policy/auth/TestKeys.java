package dev.emporium.gateway.policy.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;

/** Signing keys made by a test, and tokens signed with them. */
public final class TestKeys {

  private TestKeys() {}

  public static RSAKey rsa(String kid) {
    try {
      return new RSAKeyGenerator(2048).keyID(kid).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  public static ECKey ec(String kid) {
    try {
      return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  public static OctetKeyPair ed25519(String kid) {
    try {
      return new OctetKeyPairGenerator(Curve.Ed25519).keyID(kid).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  public static JWSSigner signer(JWK key) {
    try {
      return switch (key) {
        case RSAKey rsa -> new RSASSASigner(rsa);
        case ECKey ec -> new ECDSASigner(ec);
        case OctetKeyPair okp -> new Ed25519Signer(okp);
        default -> throw new IllegalArgumentException(key.getKeyType().toString());
      };
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  public static JWSAlgorithm algorithm(JWK key) {
    return switch (key) {
      case RSAKey rsa -> JWSAlgorithm.RS256;
      case ECKey ec -> JWSAlgorithm.ES256;
      case OctetKeyPair okp -> JWSAlgorithm.EdDSA;
      default -> throw new IllegalArgumentException(key.getKeyType().toString());
    };
  }

  /** Claims valid for the next five minutes, for subject alice, with roles and scopes. */
  public static JWTClaimsSet.Builder claims(String issuer, String audience) {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .issuer(issuer)
        .audience(audience)
        .subject("alice")
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plusSeconds(300)))
        .claim("roles", List.of("customer", "beta"))
        .claim("scope", "orders:read orders:write");
  }

  public static String sign(JWK key, JWTClaimsSet claims) {
    return sign(key, claims, h -> h);
  }

  /** Signs with the key's own algorithm and kid; {@code header} may change the header first. */
  public static String sign(JWK key, JWTClaimsSet claims, UnaryOperator<JWSHeader.Builder> header) {
    try {
      SignedJWT jwt = new SignedJWT(header.apply(new JWSHeader.Builder(algorithm(key)).keyID(key.getKeyID())).build(), claims);
      jwt.sign(signer(key));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The PEM text of a key's public half. */
  public static String publicPem(JWK key) {
    try {
      java.security.PublicKey pub = switch (key) {
        case RSAKey rsa -> rsa.toPublicKey();
        case ECKey ec -> ec.toPublicKey();
        default -> throw new IllegalArgumentException(key.getKeyType().toString());
      };
      return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pub.getEncoded())
          + "\n-----END PUBLIC KEY-----\n";
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String base64Url(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
