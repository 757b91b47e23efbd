package dev.emporium.user.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code signing_keys} table: public JWKs in clear, private keys as ciphertext. */
@Repository
public class SigningKeyRepository {

  /** A stored key. */
  public record StoredKey(String kid, String publicJwk, byte[] encryptedPrivateKey, Instant createdAt,
      @Nullable Instant retiredAt) {}

  private static final String COLUMNS = "kid, public_jwk, private_key, created_at, retired_at";

  private final JdbcClient jdbc;

  public SigningKeyRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Serialises rotations across instances until the transaction ends. */
  public void lockForRotation() {
    jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('emporium.user.signing_keys'))").query().singleRow();
  }

  public void insert(StoredKey key) {
    jdbc.sql("INSERT INTO signing_keys (" + COLUMNS + ") VALUES (:kid, :jwk, :privateKey, :createdAt, NULL)")
        .param("kid", key.kid()).param("jwk", key.publicJwk()).param("privateKey", key.encryptedPrivateKey())
        .param("createdAt", Timestamp.from(key.createdAt())).update();
  }

  /** The key that signs: the newest one not retired. */
  public Optional<StoredKey> findActive() {
    return jdbc.sql("SELECT " + COLUMNS + " FROM signing_keys WHERE retired_at IS NULL ORDER BY created_at DESC LIMIT 1")
        .query(SigningKeyRepository::map).optional();
  }

  /** Retires every key but {@code kid}. */
  public void retireAllBut(String kid, Instant now) {
    jdbc.sql("UPDATE signing_keys SET retired_at = :now WHERE retired_at IS NULL AND kid <> :kid")
        .param("now", Timestamp.from(now)).param("kid", kid).update();
  }

  /** Keys that sign or may still have signed unexpired tokens: active, or retired after {@code cutoff}. */
  public List<StoredKey> findPublished(Instant cutoff) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM signing_keys WHERE retired_at IS NULL OR retired_at > :cutoff "
            + "ORDER BY created_at DESC")
        .param("cutoff", Timestamp.from(cutoff)).query(SigningKeyRepository::map).list();
  }

  /** Forgets keys retired at or before {@code cutoff}: every token they signed has expired. */
  public int deleteRetiredBefore(Instant cutoff) {
    return jdbc.sql("DELETE FROM signing_keys WHERE retired_at <= :cutoff").param("cutoff", Timestamp.from(cutoff))
        .update();
  }

  private static StoredKey map(ResultSet rs, int row) throws SQLException {
    Timestamp retired = rs.getTimestamp("retired_at");
    return new StoredKey(rs.getString("kid"), rs.getString("public_jwk"), rs.getBytes("private_key"),
        rs.getTimestamp("created_at").toInstant(), retired == null ? null : retired.toInstant());
  }
}
