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

/** The {@code authorization_codes} table, addressed by the SHA-256 of the code. */
@Repository
public class AuthorizationCodeRepository {

  /**
   * A stored authorization code: who signed in, for which client and redirect URI, with what
   * PKCE challenge, and the refresh-token family its exchange starts.
   */
  public record StoredAuthorizationCode(byte[] hash, String clientId, String redirectUri, String subject,
      List<String> roles, List<String> scopes, String codeChallenge, @Nullable String nonce, UUID familyId,
      Instant authenticatedAt, Instant expiresAt, @Nullable Instant usedAt) {}

  private final JdbcClient jdbc;

  public AuthorizationCodeRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(StoredAuthorizationCode code) {
    jdbc.sql("""
        INSERT INTO authorization_codes (code_hash, client_id, redirect_uri, subject, roles, scopes, code_challenge,
            nonce, family_id, authenticated_at, expires_at)
        VALUES (:hash, :clientId, :redirectUri, :subject, CAST(:roles AS text[]), CAST(:scopes AS text[]),
            :codeChallenge, :nonce, :familyId, :authenticatedAt, :expiresAt)
        """)
        .param("hash", code.hash()).param("clientId", code.clientId()).param("redirectUri", code.redirectUri())
        .param("subject", code.subject()).param("roles", SqlArrays.literal(code.roles()))
        .param("scopes", SqlArrays.literal(code.scopes())).param("codeChallenge", code.codeChallenge())
        .param("nonce", code.nonce()).param("familyId", code.familyId())
        .param("authenticatedAt", Timestamp.from(code.authenticatedAt()))
        .param("expiresAt", Timestamp.from(code.expiresAt()))
        .update();
  }

  /** Locks the row: two concurrent exchanges of one code are serialised, and the second sees it used. */
  public Optional<StoredAuthorizationCode> findForUpdate(byte[] hash) {
    return jdbc.sql("SELECT * FROM authorization_codes WHERE code_hash = :hash FOR UPDATE").param("hash", hash)
        .query(AuthorizationCodeRepository::map).optional();
  }

  public void markUsed(byte[] hash, Instant now) {
    jdbc.sql("UPDATE authorization_codes SET used_at = :now WHERE code_hash = :hash")
        .param("now", Timestamp.from(now)).param("hash", hash).update();
  }

  public int deleteExpiredBefore(Instant cutoff) {
    return jdbc.sql("DELETE FROM authorization_codes WHERE expires_at < :cutoff")
        .param("cutoff", Timestamp.from(cutoff)).update();
  }

  private static StoredAuthorizationCode map(ResultSet rs, int row) throws SQLException {
    Timestamp used = rs.getTimestamp("used_at");
    return new StoredAuthorizationCode(rs.getBytes("code_hash"), rs.getString("client_id"),
        rs.getString("redirect_uri"), rs.getString("subject"), SqlArrays.strings(rs.getArray("roles")),
        SqlArrays.strings(rs.getArray("scopes")), rs.getString("code_challenge"), rs.getString("nonce"),
        rs.getObject("family_id", UUID.class), rs.getTimestamp("authenticated_at").toInstant(),
        rs.getTimestamp("expires_at").toInstant(), used == null ? null : used.toInstant());
  }
}
