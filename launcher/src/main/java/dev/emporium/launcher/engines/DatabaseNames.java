package dev.emporium.launcher.engines;

/** The one rule for the database and role names the launcher creates: they go into SQL as identifiers. */
public final class DatabaseNames {

  private DatabaseNames() {}

  /** Returns {@code name} if it is a plain lower-case PostgreSQL identifier; refuses anything else. */
  public static String checked(String name) {
    if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
      throw new IllegalArgumentException("not a database name: " + name);
    }
    return name;
  }
}
