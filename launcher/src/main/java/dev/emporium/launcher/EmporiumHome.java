package dev.emporium.launcher;

import java.nio.file.Path;

/** Where Emporium is installed: the directory of the {@code ./emporium} script. */
public final class EmporiumHome {

  private EmporiumHome() {}

  public static Path path() {
    String home = System.getProperty("emporium.home");
    return home == null ? Path.of("").toAbsolutePath() : Path.of(home);
  }

  /** A path inside the installation, e.g. {@code gateway/examples/quickstart.yaml}. */
  public static Path resolve(String relative) {
    return path().resolve(relative);
  }
}
