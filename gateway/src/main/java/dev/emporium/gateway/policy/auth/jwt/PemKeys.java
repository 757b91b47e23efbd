package dev.emporium.gateway.policy.auth.jwt;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads public keys from PEM files: {@code PUBLIC KEY} blocks (RSA, EC or Ed25519) and
 * {@code CERTIFICATE} blocks, whose public key is used. Private keys are refused: the gateway must
 * never hold an issuer's signing key.
 */
public final class PemKeys {

  private static final Pattern BLOCK = Pattern.compile(
      "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");

  /** The DER prefix of an Ed25519 SubjectPublicKeyInfo; the raw 32-byte key follows it. */
  private static final byte[] ED25519_SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

  private PemKeys() {}

  /** The keys in one file, as public JWKs without a key id. */
  public static List<JWK> read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read '" + file + "': " + e.getMessage());
    }
    return parse(text, file.toString());
  }

  static List<JWK> parse(String text, String source) {
    List<JWK> keys = new ArrayList<>();
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      String type = m.group(1);
      byte[] der;
      try {
        der = Base64.getMimeDecoder().decode(m.group(2));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("'" + source + "': a " + type + " block is not valid base64");
      }
      PublicKey key = switch (type) {
        case "PUBLIC KEY" -> publicKey(der, source);
        case "CERTIFICATE" -> certificateKey(der, source);
        default -> throw new IllegalArgumentException("'" + source + "': " + type
            + " blocks are not accepted; give public keys or certificates only");
      };
      keys.add(toJwk(key, source));
    }
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("'" + source + "' holds no PEM PUBLIC KEY or CERTIFICATE block");
    }
    return List.copyOf(keys);
  }

  private static PublicKey publicKey(byte[] der, String source) {
    for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // Not this kind of key; try the next.
      }
    }
    throw new IllegalArgumentException("'" + source + "': a PUBLIC KEY is neither RSA, EC nor Ed25519");
  }

  private static PublicKey certificateKey(byte[] der, String source) {
    try {
      return CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der)).getPublicKey();
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("'" + source + "': a CERTIFICATE cannot be read: " + e.getMessage());
    }
  }

  private static JWK toJwk(PublicKey key, String source) {
    if (key instanceof RSAPublicKey rsa) return new RSAKey.Builder(rsa).build();
    if (key instanceof ECPublicKey ec) {
      Curve curve = Curve.forECParameterSpec(ec.getParams());
      if (curve == null) throw new IllegalArgumentException("'" + source + "': an EC key is on an unsupported curve");
      return new ECKey.Builder(curve, ec).build();
    }
    byte[] encoded = key.getEncoded();
    if (encoded.length == 44 && Arrays.equals(Arrays.copyOf(encoded, 12), ED25519_SPKI_PREFIX)) {
      return new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(Arrays.copyOfRange(encoded, 12, 44))).build();
    }
    throw new IllegalArgumentException("'" + source + "': a " + key.getAlgorithm() + " key is not supported");
  }
}
