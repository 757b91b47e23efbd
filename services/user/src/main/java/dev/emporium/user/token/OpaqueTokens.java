package dev.emporium.user.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Refresh tokens and authorization codes: 32 random bytes, base64url. Only their SHA-256 is
 * stored, so a copy of the database hands out no usable token (a fast hash suffices: the values
 * have 256 bits of entropy).
 */
final class OpaqueTokens {

  private static final SecureRandom RANDOM = new SecureRandom();

  private OpaqueTokens() {}

  static String generate() {
    byte[] value = new byte[32];
    RANDOM.nextBytes(value);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
  }

  static byte[] hash(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
