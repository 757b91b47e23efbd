package dev.emporium.launcher.engines;

import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import io.zonky.test.db.postgres.util.ArchUtils;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Locale;

/**
 * Finds the PostgreSQL archive of this system and architecture on the class path and takes the
 * first copy. The library's own resolver refuses a second copy, yet one is normal here: the
 * launcher's jar names its {@code lib/} directory in its manifest, so any class path that holds
 * both that jar and the binaries jar from the Maven repository sees the same archive twice.
 */
final class ClasspathPostgresBinaries implements PgBinaryResolver {

  private final ClassLoader classLoader;

  ClasspathPostgresBinaries() {
    this(ClasspathPostgresBinaries.class.getClassLoader());
  }

  ClasspathPostgresBinaries(ClassLoader classLoader) {
    this.classLoader = classLoader;
  }

  @Override
  public InputStream getPgBinary(String system, String machineHardware) throws IOException {
    String name = resourceName(system, machineHardware);
    URL archive = classLoader.getResource(name);
    if (archive == null) {
      throw new IllegalStateException("no PostgreSQL binaries for " + system + "/" + machineHardware
          + " on the class path (looked for " + name + "); the launcher ships them for linux-amd64");
    }
    return archive.openStream();
  }

  static String resourceName(String system, String machineHardware) {
    return String.format("postgres-%s-%s.txz", system, ArchUtils.normalize(machineHardware))
        .replace(' ', '_')
        .toLowerCase(Locale.ROOT);
  }
}
