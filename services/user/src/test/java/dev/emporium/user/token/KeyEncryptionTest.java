package dev.emporium.user.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import java.nio.charset.StandardCharsets;

class KeyEncryptionTest {

  private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes();

  @Test
  void decryptsWhatItEncryptedUnderTheSameKid() throws Exception {
    KeyEncryption encryption = new KeyEncryption(KEY);

    byte[] sealed = encryption.encrypt("kid-1", "{\"d\":\"secret\"}");

    assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("secret");
    assertThat(encryption.decrypt("kid-1", sealed)).isEqualTo("{\"d\":\"secret\"}");
  }

  @Test
  void refusesAnotherKidOrAnotherKey() {
    byte[] sealed = new KeyEncryption(KEY).encrypt("kid-1", "private");
    byte[] otherKey = Arrays.copyOf(KEY, 32);
    otherKey[0] ^= 1;

    assertThatThrownBy(() -> new KeyEncryption(KEY).decrypt("kid-2", sealed))
        .isInstanceOf(GeneralSecurityException.class);
    assertThatThrownBy(() -> new KeyEncryption(otherKey).decrypt("kid-1", sealed))
        .isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void configuredKeyMustBeThirtyTwoBytesOfBase64() {
    assertThatThrownBy(() -> KeyEncryption.of(Base64.getEncoder().encodeToString(new byte[16])))
        .hasMessageContaining("32 bytes");
    assertThatThrownBy(() -> KeyEncryption.of("not base64!")).hasMessageContaining("base64");
  }
}
