package dev.emporium.user.persistence;

import dev.emporium.user.account.User;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stores accounts in the {@code users} table with plain SQL (JdbcClient). */
@Repository
public class UserRepository {

  private static final String COLUMNS = "id, email, name, password_hash, roles, phone, created_at";

  private final JdbcClient jdbc;

  public UserRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** @throws org.springframework.dao.DuplicateKeyException when the email is taken */
  public void insert(User user) {
    jdbc.sql("""
        INSERT INTO users (id, email, name, password_hash, roles, phone, created_at)
        VALUES (:id, :email, :name, :passwordHash, CAST(:roles AS text[]), :phone, :createdAt)
        """)
        .param("id", user.id())
        .param("email", user.email())
        .param("name", user.name())
        .param("passwordHash", user.passwordHash())
        .param("roles", SqlArrays.literal(user.roles()))
        .param("phone", user.phone())
        .param("createdAt", Timestamp.from(user.createdAt()))
        .update();
  }

  public Optional<User> findByEmail(String normalisedEmail) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE lower(email) = :email")
        .param("email", normalisedEmail).query(UserRepository::map).optional();
  }

  public Optional<User> findById(UUID id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE id = :id").param("id", id)
        .query(UserRepository::map).optional();
  }

  private static User map(ResultSet rs, int row) throws SQLException {
    return new User(rs.getObject("id", UUID.class), rs.getString("email"), rs.getString("name"),
        rs.getString("password_hash"), SqlArrays.strings(rs.getArray("roles")), rs.getString("phone"),
        rs.getTimestamp("created_at").toInstant());
  }
}
