package dev.emporium.launcher.engines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClasspathPostgresBinariesTest {

  private static final byte[] XZ_MAGIC = {(byte) 0xFD, '7', 'z', 'X', 'Z', 0};

  @Test
  void namesTheArchiveTheBinariesJarShips() {
    assertThat(ClasspathPostgresBinaries.resourceName("Linux", "amd64")).isEqualTo("postgres-linux-x86_64.txz");
    assertThat(ClasspathPostgresBinaries.resourceName("Linux", "x86_64")).isEqualTo("postgres-linux-x86_64.txz");
  }

  @Test
  void takesTheFirstCopyWhenTheArchiveIsOnTheClassPathTwice(@TempDir Path lib) throws Exception {
    Path binariesJar = binariesJar();
    Path copy = Files.copy(binariesJar, lib.resolve(binariesJar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    try (URLClassLoader twice = new URLClassLoader(
        new URL[] {binariesJar.toUri().toURL(), copy.toUri().toURL()}, null)) {
      assertThat(twice.getResources("postgres-linux-x86_64.txz").asIterator()).toIterable().hasSize(2);

      try (InputStream archive = new ClasspathPostgresBinaries(twice).getPgBinary("Linux", "x86_64")) {
        assertThat(archive.readNBytes(XZ_MAGIC.length)).isEqualTo(XZ_MAGIC);
      }
    }
  }

  @Test
  void saysWhichArchiveIsMissing() throws Exception {
    try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
      assertThatThrownBy(() -> new ClasspathPostgresBinaries(empty).getPgBinary("Linux", "aarch64"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("no PostgreSQL binaries for Linux/aarch64")
          .hasMessageContaining(ClasspathPostgresBinaries.resourceName("Linux", "aarch64"));
    }
  }

  private static Path binariesJar() throws Exception {
    URL archive = ClasspathPostgresBinaries.class.getClassLoader().getResource("postgres-linux-x86_64.txz");
    assertThat(archive).as("the binaries jar is a dependency of the launcher").isNotNull();
    JarURLConnection connection = (JarURLConnection) archive.openConnection();
    return Path.of(connection.getJarFileURL().toURI());
  }
}
