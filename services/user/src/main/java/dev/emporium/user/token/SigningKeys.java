package dev.emporium.user.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.emporium.user.UserProperties;
import dev.emporium.user.persistence.SigningKeyRepository;
import dev.emporium.user.persistence.SigningKeyRepository.StoredKey;
import java.security.GeneralSecurityException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The RSA keys that sign access tokens, kept in the database so that every instance signs with the
 * same key and publishes the same set.
 *
 * <p>Rotation: the newest unretired key signs. When it is older than {@code rotation-period} (or
 * this process cannot decrypt it), a new key is made and the old one retired. A retired key stays
 * in the JWKS for {@code access-token-ttl + check-interval} after retirement: the tokens it signed
 * live that long (the check interval covers instances that have not yet noticed the rotation), and
 * then it is deleted. Instances serialise rotations with an advisory lock.
 */
@Component
public class SigningKeys {

  private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

  /** The key in use, and when this instance last made sure it is still the one to use. */
  private record Active(RSAKey key, Instant checkedAt) {}

  private final SigningKeyRepository keys;
  private final TransactionTemplate transactions;
  private final KeyEncryption encryption;
  private final Duration rotationPeriod;
  private final Duration checkInterval;
  private final Duration publishedAfterRetirement;
  private final int rsaBits;
  private final Clock clock = Clock.systemUTC();
  private volatile @Nullable Active active;

  SigningKeys(SigningKeyRepository keys, TransactionTemplate transactions, UserProperties properties) {
    this.keys = keys;
    this.transactions = transactions;
    this.encryption = KeyEncryption.of(properties.keys().encryptionKey());
    this.rotationPeriod = properties.keys().rotationPeriod();
    this.checkInterval = properties.keys().checkInterval();
    this.publishedAfterRetirement = properties.accessTokenTtl().plus(checkInterval);
    this.rsaBits = properties.keys().rsaBits();
  }

  /** The private key to sign with now. */
  public RSAKey current() {
    Active now = active;
    if (now == null || now.checkedAt().plus(checkInterval).isBefore(clock.instant())) {
      now = refresh();
    }
    return now.key();
  }

  /** The public keys a verifier needs: the signing key and the retired keys whose tokens may still be alive. */
  public JWKSet published() {
    List<JWK> jwks = new ArrayList<>();
    for (StoredKey stored : keys.findPublished(clock.instant().minus(publishedAfterRetirement))) {
      try {
        jwks.add(JWK.parse(stored.publicJwk()));
      } catch (ParseException e) {
        throw new IllegalStateException("stored public key " + stored.kid() + " is not a JWK", e);
      }
    }
    return new JWKSet(jwks);
  }

  /**
   * Makes sure a signing key exists before the service reports ready (readiness follows this event),
   * so the first JWKS a verifier fetches already holds the key of the first token.
   */
  @EventListener(ApplicationReadyEvent.class)
  public void onReady() {
    refresh();
  }

  /** Checks for a due rotation (and a key another instance made), and forgets expired keys. */
  @Scheduled(initialDelayString = "${emporium.user.keys.check-interval:1m}",
      fixedDelayString = "${emporium.user.keys.check-interval:1m}")
  public void check() {
    refresh();
  }

  /** Starts a new signing key now, whatever the age of the current one (an operator's or a test's call). */
  public RSAKey rotate() {
    RSAKey key = transactions.execute(status -> {
      keys.lockForRotation();
      return createAndRetireOthers();
    });
    active = new Active(key, clock.instant());
    return key;
  }

  private Active refresh() {
    RSAKey key = transactions.execute(status -> {
      keys.lockForRotation();
      keys.deleteRetiredBefore(clock.instant().minus(publishedAfterRetirement));
      Optional<StoredKey> stored = keys.findActive();
      if (stored.isPresent() && stored.get().createdAt().plus(rotationPeriod).isAfter(clock.instant())) {
        RSAKey usable = decrypt(stored.get());
        if (usable != null) {
          return usable;
        }
      }
      return createAndRetireOthers();
    });
    Active refreshed = new Active(key, clock.instant());
    active = refreshed;
    return refreshed;
  }

  private RSAKey createAndRetireOthers() {
    Instant now = clock.instant();
    RSAKey key = generate(now);
    keys.insert(new StoredKey(key.getKeyID(), key.toPublicJWK().toJSONString(),
        encryption.encrypt(key.getKeyID(), key.toJSONString()), now, null));
    keys.retireAllBut(key.getKeyID(), now);
    log.info("Signing key {} started; earlier keys are retired and stay published for {}", key.getKeyID(),
        publishedAfterRetirement);
    return key;
  }

  private @Nullable RSAKey decrypt(StoredKey stored) {
    try {
      return RSAKey.parse(encryption.decrypt(stored.kid(), stored.encryptedPrivateKey()));
    } catch (GeneralSecurityException e) {
      log.warn("Signing key {} was encrypted with another encryption key; starting a new signing key",
          stored.kid());
      return null;
    } catch (ParseException e) {
      throw new IllegalStateException("stored private key " + stored.kid() + " is not a JWK", e);
    }
  }

  private RSAKey generate(Instant now) {
    try {
      return new RSAKeyGenerator(rsaBits).keyID(UUID.randomUUID().toString()).keyUse(KeyUse.SIGNATURE)
          .algorithm(JWSAlgorithm.RS256).issueTime(Date.from(now)).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot generate an RSA key", e);
    }
  }
}
