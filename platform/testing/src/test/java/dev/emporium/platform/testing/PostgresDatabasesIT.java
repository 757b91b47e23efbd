package dev.emporium.platform.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class PostgresDatabasesIT {

  @Test
  void createsAnEmptyDatabaseAndDropsItEvenWhileConnectionsAreOpen() throws SQLException {
    TestDatabase db = PostgresDatabases.create(PostgresDatabasesIT.class);
    try (var connection = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
        var rs = connection.createStatement().executeQuery(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")) {
      rs.next();
      assertThat(rs.getInt(1)).isZero();

      db.close();
    }

    assertThatThrownBy(() -> DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password()).close())
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("does not exist");
  }
}
