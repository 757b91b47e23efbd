package dev.emporium.launcher.platform;

import dev.emporium.launcher.engines.DatabaseNames;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** Database-per-service on an external PostgreSQL server: creates a service's database if missing. */
final class ExternalPostgres {

  private ExternalPostgres() {}

  static String user() {
    return System.getenv().getOrDefault("EMPORIUM_POSTGRES_USER", "postgres");
  }

  static String password() {
    return System.getenv().getOrDefault("EMPORIUM_POSTGRES_PASSWORD", "");
  }

  static void ensureDatabase(String host, int port, String name) {
    DatabaseNames.checked(name);
    try (Connection connection = DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/postgres",
        user(), password());
        Statement sql = connection.createStatement()) {
      try (var rows = sql.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
        if (rows.next()) {
          return;
        }
      }
      sql.execute("CREATE DATABASE \"" + name + "\"");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name + " on " + host + ":" + port + ": "
          + e.getMessage(), e);
    }
  }

  static void dropDatabase(String host, int port, String name) {
    DatabaseNames.checked(name);
    try (Connection connection = DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/postgres",
        user(), password());
        Statement sql = connection.createStatement()) {
      sql.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot drop database " + name + ": " + e.getMessage(), e);
    }
  }
}
