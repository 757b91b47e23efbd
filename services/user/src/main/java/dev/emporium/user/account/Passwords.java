package dev.emporium.user.account;

import dev.emporium.user.UserProperties;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Hashes and checks secrets (passwords, service accounts' secrets) with Argon2id, using Spring
 * Security's encoder over BouncyCastle. {@link #burn} spends the time of a real check when there is
 * nothing to check against, so that "no such account" and "wrong password" take as long.
 */
@Component
public class Passwords {

  private final Argon2PasswordEncoder encoder;
  private final String decoy;

  public Passwords(UserProperties properties) {
    UserProperties.Password p = properties.password();
    this.encoder = new Argon2PasswordEncoder(p.saltLength(), p.hashLength(), p.parallelism(), p.memoryKib(),
        p.iterations());
    this.decoy = encoder.encode("decoy password that matches nothing");
  }

  public String hash(String secret) {
    return encoder.encode(secret);
  }

  public boolean matches(String secret, String hash) {
    return encoder.matches(secret, hash);
  }

  /** Does the work of {@link #matches} against a hash nobody's secret has. */
  public void burn(String secret) {
    encoder.matches(secret, decoy);
  }
}
