package dev.emporium.user.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code refresh_tokens} table, addressed by the SHA-256 of the token. */
@Repository
public class RefreshTokenRepository {

  /** A stored refresh token. */
  public record StoredRefreshToken(byte[] hash, UUID familyId, String subject, List<String> roles,
      List<String> scopes, Instant issuedAt, Instant expiresAt, @Nullable Instant usedAt,
      @Nullable Instant revokedAt) {}

  private final JdbcClient jdbc;

  public RefreshTokenRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(StoredRefreshToken token) {
    jdbc.sql("""
        INSERT INTO refresh_tokens (token_hash, family_id, subject, roles, scopes, issued_at, expires_at)
        VALUES (:hash, :familyId, :subject, CAST(:roles AS text[]), CAST(:scopes AS text[]), :issuedAt, :expiresAt)
        """)
        .param("hash", token.hash()).param("familyId", token.familyId()).param("subject", token.subject())
        .param("roles", SqlArrays.literal(token.roles())).param("scopes", SqlArrays.literal(token.scopes()))
        .param("issuedAt", Timestamp.from(token.issuedAt())).param("expiresAt", Timestamp.from(token.expiresAt()))
        .update();
  }

  /** Locks the row: two concurrent uses of one token are serialised, and the second sees it used. */
  public Optional<StoredRefreshToken> findForUpdate(byte[] hash) {
    return jdbc.sql("SELECT * FROM refresh_tokens WHERE token_hash = :hash FOR UPDATE").param("hash", hash)
        .query(RefreshTokenRepository::map).optional();
  }

  public void markUsed(byte[] hash, Instant now) {
    jdbc.sql("UPDATE refresh_tokens SET used_at = :now WHERE token_hash = :hash")
        .param("now", Timestamp.from(now)).param("hash", hash).update();
  }

  public int revokeFamily(UUID familyId, Instant now) {
    return jdbc.sql("UPDATE refresh_tokens SET revoked_at = :now WHERE family_id = :familyId AND revoked_at IS NULL")
        .param("now", Timestamp.from(now)).param("familyId", familyId).update();
  }

  public int deleteExpiredBefore(Instant cutoff) {
    return jdbc.sql("DELETE FROM refresh_tokens WHERE expires_at < :cutoff").param("cutoff", Timestamp.from(cutoff))
        .update();
  }

  private static StoredRefreshToken map(ResultSet rs, int row) throws SQLException {
    return new StoredRefreshToken(rs.getBytes("token_hash"), rs.getObject("family_id", UUID.class),
        rs.getString("subject"), SqlArrays.strings(rs.getArray("roles")), SqlArrays.strings(rs.getArray("scopes")),
        rs.getTimestamp("issued_at").toInstant(), rs.getTimestamp("expires_at").toInstant(),
        instant(rs.getTimestamp("used_at")), instant(rs.getTimestamp("revoked_at")));
  }

  private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
