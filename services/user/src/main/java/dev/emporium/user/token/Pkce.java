package dev.emporium.user.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Proof Key for Code Exchange (RFC 7636), S256 only: the client sends the SHA-256 of a secret
 * (the verifier) with the authorization request and the secret itself with the exchange, so a
 * code caught on its way back is useless to anyone else. {@code plain} is refused: it protects
 * nothing once the request has been seen (RFC 9700 §2.1.1).
 */
public final class Pkce {

  public static final String METHOD = "S256";

  /** The verifier's alphabet and length (RFC 7636 §4.1). */
  private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");
  /** An S256 challenge is the base64url of 32 bytes without padding: exactly 43 characters. */
  private static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");

  private Pkce() {}

  public static boolean isWellFormedChallenge(String challenge) {
    return CHALLENGE.matcher(challenge).matches();
  }

  public static boolean isWellFormedVerifier(String verifier) {
    return VERIFIER.matcher(verifier).matches();
  }

  /** The S256 challenge of a verifier: base64url(SHA-256(ASCII(verifier))), unpadded. */
  public static String challengeOf(String verifier) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** Whether the verifier is the one the challenge was made from, compared in constant time. */
  public static boolean matches(String verifier, String challenge) {
    return MessageDigest.isEqual(challengeOf(verifier).getBytes(StandardCharsets.US_ASCII),
        challenge.getBytes(StandardCharsets.US_ASCII));
  }
}
