package dev.emporium.gateway.listener;

import io.vertx.core.Vertx;
import io.vertx.core.net.PemKeyCertOptions;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.X509KeyManager;

/**
 * Checks a certificate and key before they are served: both parse, and the key is the one the
 * certificate was issued for. A reload that is half written (the new certificate next to the old
 * key) or broken is refused, and the listener keeps serving what it has.
 */
final class CertificateCheck {

  private static final String[] KEY_TYPES = {"RSA", "EC", "EdDSA", "Ed25519", "Ed448", "RSASSA-PSS"};

  private CertificateCheck() {}

  /** @throws IllegalArgumentException saying what is wrong */
  static void verify(PemKeyCertOptions pem, Vertx vertx) {
    KeyManagerFactory factory;
    try {
      factory = pem.getKeyManagerFactory(vertx);
    } catch (Exception e) {
      throw new IllegalArgumentException("the certificate or key cannot be read: " + e.getMessage(), e);
    }
    for (KeyManager manager : factory.getKeyManagers()) {
      if (!(manager instanceof X509KeyManager keys)) continue;
      for (String type : KEY_TYPES) {
        String[] aliases = keys.getServerAliases(type, null);
        if (aliases == null) continue;
        for (String alias : aliases) {
          X509Certificate[] chain = keys.getCertificateChain(alias);
          PrivateKey key = keys.getPrivateKey(alias);
          if (chain == null || chain.length == 0 || key == null) continue;
          if (!matches(key, chain[0].getPublicKey())) {
            throw new IllegalArgumentException("the private key does not belong to the certificate "
                + chain[0].getSubjectX500Principal());
          }
          return;
        }
      }
    }
    throw new IllegalArgumentException("no certificate with its private key was found");
  }

  private static String family(String algorithm) {
    return algorithm.startsWith("Ed") ? "EdDSA" : algorithm;
  }

  /** Whether {@code key} signs what {@code publicKey} verifies. */
  private static boolean matches(PrivateKey key, PublicKey publicKey) {
    String algorithm = switch (key.getAlgorithm()) {
      case "RSA" -> "SHA256withRSA";
      case "EC" -> "SHA256withECDSA";
      case "Ed25519", "EdDSA" -> "Ed25519";
      case "Ed448" -> "Ed448";
      default -> null;
    };
    if (algorithm == null) return true; // a key type this check does not know: leave it to the handshake
    if (!family(key.getAlgorithm()).equals(family(publicKey.getAlgorithm()))) return false;
    try {
      byte[] probe = "emporium certificate check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(publicKey);
      verifier.update(probe);
      return verifier.verify(signature);
    } catch (java.security.GeneralSecurityException e) {
      return false;
    }
  }
}
