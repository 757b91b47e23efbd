package dev.emporium.launcher.tracing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The Zipkin server's exec jar (about 130 MB, from Maven Central). It is not part of the build, so
 * that {@code emporium up} without tracing stays as small as it is: the first {@code up --tracing}
 * fetches it with Maven (which {@code ./emporium} needs anyway, and which takes it from the local
 * repository when it is already there) into {@code $EMPORIUM_DATA/tracing}.
 */
public final class ZipkinJar {

  private static final String VERSIONS = "/emporium-launcher.properties";

  private ZipkinJar() {}

  /** The Maven coordinates of the jar, {@code io.zipkin:zipkin-server:VERSION:jar:exec}. */
  public static String artifact() {
    return versions().getProperty("zipkin.artifact");
  }

  /**
   * The jar in {@code directory}, fetched there first when it is missing.
   *
   * @throws IllegalStateException when Maven cannot fetch it, with Maven's last lines
   */
  public static Path inDirectory(Path directory, Consumer<String> progress) {
    Properties versions = versions();
    Path jar = directory.resolve("zipkin-server-" + versions.getProperty("zipkin.version") + "-exec.jar");
    if (Files.isRegularFile(jar)) {
      return jar;
    }
    progress.accept("zipkin     fetching " + artifact() + " (about 130 MB, once) into " + directory);
    Path staging = null;
    try {
      Files.createDirectories(directory);
      // A directory of its own per fetch: two launchers fetching at once do not mix their files.
      staging = Files.createTempDirectory(directory, "fetching-");
      Path log = staging.resolve("fetch.log");
      Process maven = new ProcessBuilder(List.of(mavenCommand(), "-B", "-q",
          versions.getProperty("dependency-plugin") + ":copy", "-Dartifact=" + artifact(),
          "-DoutputDirectory=" + staging.toAbsolutePath()))
          .directory(directory.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      int exit = maven.waitFor();
      Path fetched = staging.resolve(jar.getFileName());
      if (exit != 0 || !Files.isRegularFile(fetched)) {
        throw new IllegalStateException("could not fetch " + artifact() + " with Maven (exit " + exit + "); set "
            + "EMPORIUM_ZIPKIN_JAR to a copy of it. Maven said:\n" + tail(log));
      }
      // Moved into place only once complete: an interrupted fetch never leaves half a jar behind.
      Files.move(fetched, jar, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return jar;
    } catch (IOException e) {
      throw new UncheckedIOException("could not fetch " + artifact() + " into " + directory + ": "
          + e.getMessage() + " (is Maven's mvn on the PATH? EMPORIUM_ZIPKIN_JAR names a copy instead)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while fetching " + artifact(), e);
    } finally {
      if (staging != null) {
        deleteTree(staging);
      }
    }
  }

  private static String mavenCommand() {
    String mvn = System.getenv("EMPORIUM_MVN");
    return mvn == null || mvn.isBlank() ? "mvn" : mvn;
  }

  private static Properties versions() {
    Properties properties = new Properties();
    try (InputStream in = ZipkinJar.class.getResourceAsStream(VERSIONS)) {
      if (in == null) {
        throw new IllegalStateException(VERSIONS + " is missing from the launcher's jar");
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties;
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }

  private static void deleteTree(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      System.err.println("emporium: could not remove " + directory + ": " + e.getMessage());
    }
  }
}
