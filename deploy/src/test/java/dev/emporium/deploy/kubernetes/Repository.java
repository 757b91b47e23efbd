package dev.emporium.deploy.kubernetes;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The repository the manifests are checked against: the services' own settings and the launcher's
 * list of services, read from the source tree (tests run in deploy/, so the root is its parent).
 */
final class Repository {

  private static final Pattern DEFINITION = Pattern.compile("new ServiceDefinition\\(\"([a-z-]+)\",\\s*\\w+\\.class,\\s*(\\d+)");

  private final Path root;

  private Repository(Path root) {
    this.root = root;
  }

  static Repository here() {
    Path module = Path.of("").toAbsolutePath();
    Path root = Files.isDirectory(module.resolve("deploy/kubernetes")) ? module : module.getParent();
    if (root == null || !Files.isDirectory(root.resolve("deploy/kubernetes")) || !Files.isDirectory(root.resolve("services"))) {
      throw new IllegalStateException("run from the deploy module or the repository root, not " + module);
    }
    return new Repository(root);
  }

  Path root() {
    return root;
  }

  Path kubernetes() {
    return root.resolve("deploy/kubernetes");
  }

  String read(String relative) {
    try {
      return Files.readString(root.resolve(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** services/NAME/src/main/resources/application.properties, or null when the service has none. */
  Properties serviceProperties(String name) {
    Path file = root.resolve("services").resolve(name).resolve("src/main/resources/application.properties");
    if (!Files.isRegularFile(file)) return null;
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(file)) {
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties;
  }

  /** The services {@code emporium service NAME} runs, with their HTTP ports, from the launcher's definitions. */
  Map<String, Integer> launcherServices() {
    String source = read("launcher/src/main/java/dev/emporium/launcher/platform/PlatformServices.java");
    Map<String, Integer> services = new LinkedHashMap<>();
    Matcher m = DEFINITION.matcher(source);
    while (m.find()) services.put(m.group(1), Integer.parseInt(m.group(2)));
    if (services.isEmpty()) throw new IllegalStateException("no ServiceDefinition found in PlatformServices.java");
    return services;
  }
}
