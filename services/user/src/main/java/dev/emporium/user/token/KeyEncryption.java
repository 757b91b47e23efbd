package dev.emporium.user.token;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encrypts private signing keys for storage with AES-256-GCM under the key from
 * {@code emporium.user.keys.encryption-key}. The key id is bound as associated data, so a
 * ciphertext moved to another row does not decrypt. Stored form: 12-byte nonce, then ciphertext
 * and tag.
 */
final class KeyEncryption {

  private static final Logger log = LoggerFactory.getLogger(KeyEncryption.class);
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec key;
  private final SecureRandom random = new SecureRandom();

  KeyEncryption(byte[] key) {
    if (key.length != 32) {
      throw new IllegalArgumentException("emporium.user.keys.encryption-key must be 32 bytes (base64), not "
          + key.length);
    }
    this.key = new SecretKeySpec(key, "AES");
  }

  /** From the configured base64 key, or a key of this process only when none is configured. */
  static KeyEncryption of(@Nullable String base64) {
    if (base64 == null) {
      log.warn("emporium.user.keys.encryption-key is not set: signing keys are encrypted with a key of this "
          + "process only, so each restart starts a new signing key. Set EMPORIUM_USER_KEYS_ENCRYPTION_KEY "
          + "(32 random bytes, base64) when running more than a development instance.");
      byte[] generated = new byte[32];
      new SecureRandom().nextBytes(generated);
      return new KeyEncryption(generated);
    }
    try {
      return new KeyEncryption(Base64.getDecoder().decode(base64.strip()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("emporium.user.keys.encryption-key must be base64 of 32 bytes", e);
    }
  }

  byte[] encrypt(String kid, String plaintext) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    byte[] sealed = run(Cipher.ENCRYPT_MODE, nonce, kid, plaintext.getBytes(StandardCharsets.UTF_8));
    return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
  }

  /** @throws GeneralSecurityException when it was encrypted under another key (or tampered with) */
  String decrypt(String kid, byte[] stored) throws GeneralSecurityException {
    byte[] nonce = Arrays.copyOf(stored, NONCE_BYTES);
    byte[] sealed = Arrays.copyOfRange(stored, NONCE_BYTES, stored.length);
    Cipher cipher = cipher(Cipher.DECRYPT_MODE, nonce, kid);
    return new String(cipher.doFinal(sealed), StandardCharsets.UTF_8);
  }

  private byte[] run(int mode, byte[] nonce, String kid, byte[] input) {
    try {
      return cipher(mode, nonce, kid).doFinal(input);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is unavailable", e);
    }
  }

  private Cipher cipher(int mode, byte[] nonce, String kid) throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
    cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
    return cipher;
  }
}
