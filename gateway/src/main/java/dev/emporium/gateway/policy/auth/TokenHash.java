package dev.emporium.gateway.policy.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The SHA-256 of a credential: what caches are keyed by, so that no cache holds a usable token,
 * and what API keys are stored as.
 */
public record TokenHash(byte[] bytes) {

  public static TokenHash of(String credential) {
    return new TokenHash(sha256(credential.getBytes(StandardCharsets.UTF_8)));
  }

  /** One digest per thread (the event loops, mostly): hashing every request's token costs no lookup. */
  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  });

  public static byte[] sha256(byte[] input) {
    return SHA256.get().digest(input);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TokenHash t && MessageDigest.isEqual(t.bytes, bytes);
  }

  @Override
  public int hashCode() {
    // The bytes are a uniform hash already; the first four are as good as any.
    return (bytes[0] & 0xff) << 24 | (bytes[1] & 0xff) << 16 | (bytes[2] & 0xff) << 8 | (bytes[3] & 0xff);
  }

  @Override
  public String toString() {
    return "TokenHash[" + Arrays.hashCode(bytes) + "]";
  }
}
