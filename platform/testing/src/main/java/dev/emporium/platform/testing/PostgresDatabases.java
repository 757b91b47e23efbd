package dev.emporium.platform.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fresh PostgreSQL databases for integration tests, one per test class, on the server that
 * {@code EMPORIUM_TEST_PG_HOST}, {@code _PORT}, {@code _USER} and {@code _PASSWORD} name (default
 * 127.0.0.1:5432, user postgres, no password).
 *
 * <p>Names are {@code t_<epoch seconds>_<label>_<random>}, so parallel builds never collide and a
 * rerun never meets a leftover. Databases are dropped with {@code WITH (FORCE)} (a cached Spring
 * context may still hold connections) when closed and, for those a test did not close, when the JVM
 * exits. Leftovers of a crashed run are swept on first use once they are older than
 * {@link #STALE_AFTER}: no test run lasts that long, so a live run's database is never swept.
 */
public final class PostgresDatabases {

  static final Duration STALE_AFTER = Duration.ofHours(6);
  private static final String PREFIX = "t_";
  private static final Pattern NAME = Pattern.compile("t_(\\d{10})_[a-z0-9_]*");
  private static final Logger log = LoggerFactory.getLogger(PostgresDatabases.class);
  private static final Set<String> open = ConcurrentHashMap.newKeySet();
  private static volatile boolean swept;

  static {
    AfterSpringShutdown.register("drop-test-databases", () -> List.copyOf(open).forEach(PostgresDatabases::drop));
  }

  private PostgresDatabases() {}

  /** A new empty database named after the test class, with the pg_trgm and unaccent extensions available. */
  public static TestDatabase create(Class<?> testClass) {
    return create(testClass.getSimpleName());
  }

  /** A new empty database whose name contains {@code label} (shortened and lower-cased). */
  public static TestDatabase create(String label) {
    sweepStaleOnce();
    String name = newName(label);
    execute("CREATE DATABASE " + name);
    open.add(name);
    return new TestDatabase(name, jdbcUrl(name), user(), password());
  }

  static String newName(String label) {
    String cleaned = label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    if (cleaned.length() > 30) {
      cleaned = cleaned.substring(0, 30);
    }
    String random = Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36);
    // PostgreSQL cuts identifiers at 63 bytes: 2 + 10 + 1 + 30 + 1 + 13 stays below.
    return PREFIX + Instant.now().getEpochSecond() + "_" + cleaned + "_" + random;
  }

  static void drop(String name) {
    try {
      execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    } catch (IllegalStateException e) {
      log.warn("could not drop test database {}: {}", name, e.getMessage());
    } finally {
      open.remove(name);
    }
  }

  private static void sweepStaleOnce() {
    if (swept) {
      return;
    }
    synchronized (PostgresDatabases.class) {
      if (swept) {
        return;
      }
      swept = true;
      long cutoff = Instant.now().minus(STALE_AFTER).getEpochSecond();
      List<String> stale = new ArrayList<>();
      try (Connection c = adminConnection();
          var rs = c.createStatement().executeQuery("SELECT datname FROM pg_database WHERE datname LIKE 't\\_%'")) {
        while (rs.next()) {
          Matcher m = NAME.matcher(rs.getString(1));
          if (m.matches() && Long.parseLong(m.group(1)) < cutoff) {
            stale.add(rs.getString(1));
          }
        }
      } catch (SQLException e) {
        throw new IllegalStateException("PostgreSQL for tests is not reachable at " + jdbcUrl("postgres")
            + " (set EMPORIUM_TEST_PG_HOST/_PORT/_USER/_PASSWORD): " + e.getMessage(), e);
      }
      stale.forEach(PostgresDatabases::drop);
    }
  }

  private static void execute(String sql) {
    try (Connection c = adminConnection(); var statement = c.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  private static Connection adminConnection() throws SQLException {
    return DriverManager.getConnection(jdbcUrl("postgres"), user(), password());
  }

  static String jdbcUrl(String database) {
    return "jdbc:postgresql://" + setting("HOST", "127.0.0.1") + ":" + setting("PORT", "5432") + "/" + database;
  }

  private static String user() {
    return setting("USER", "postgres");
  }

  private static String password() {
    return setting("PASSWORD", "");
  }

  private static String setting(String name, String fallback) {
    String value = System.getenv("EMPORIUM_TEST_PG_" + name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
