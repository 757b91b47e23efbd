package dev.emporium.launcher.engines;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * PostgreSQL from the binaries packaged on Maven Central, with its cluster in the data directory,
 * so a restart keeps every service's database. Each service gets a database and a login role of
 * its own name: database per service, as on a real server.
 */
public final class EmbeddedPostgres implements AutoCloseable {

  private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;

  private EmbeddedPostgres(io.zonky.test.db.postgres.embedded.EmbeddedPostgres server) {
    this.server = server;
  }

  public static EmbeddedPostgres start(Path dataDirectory, int port) {
    try {
      return new EmbeddedPostgres(io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
          .setDataDirectory(dataDirectory)
          .setCleanDataDirectory(false)
          .setPort(port)
          .setPGStartupWait(Duration.ofSeconds(60))
          .setPgBinaryResolver(new ClasspathPostgresBinaries())
          // The platform stops it last, after the services drained; a hook of its own would stop
          // it at the same moment as everything else when the process is asked to stop.
          .setRegisterShutdownHook(false)
          .setServerConfig("max_connections", "300")
          .setServerConfig("listen_addresses", "127.0.0.1")
          .start());
    } catch (IOException e) {
      throw new UncheckedIOException("embedded PostgreSQL did not start in " + dataDirectory + ": " + e.getMessage(), e);
    }
  }

  public int port() {
    return server.getPort();
  }

  /** The JDBC URL of {@code database} on this server. */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
  }

  /** Creates the login role and the database {@code name} (owned by it) unless they exist. */
  public void ensureDatabase(String name) {
    DatabaseNames.checked(name);
    DataSource admin = server.getPostgresDatabase();
    try (Connection connection = admin.getConnection(); Statement sql = connection.createStatement()) {
      if (!exists(sql, "SELECT 1 FROM pg_roles WHERE rolname = '" + name + "'")) {
        sql.execute("CREATE ROLE \"" + name + "\" LOGIN");
      }
      if (!exists(sql, "SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
        sql.execute("CREATE DATABASE \"" + name + "\" OWNER \"" + name + "\"");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
    }
  }

  private static boolean exists(Statement sql, String query) throws SQLException {
    try (ResultSet rows = sql.executeQuery(query)) {
      return rows.next();
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
