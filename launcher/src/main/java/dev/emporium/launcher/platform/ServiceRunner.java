package dev.emporium.launcher.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.jar.JarFile;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts a service's Spring Boot application inside this JVM, in an application context of its
 * own. All services share one classpath, where every service's {@code application.properties} has
 * the same name; so the runner reads the file from the service's own jar, gives it to Spring as the
 * service's defaults, and points {@code spring.config.location} at an optional per-service
 * directory instead of the classpath. Settings passed in override both.
 */
public final class ServiceRunner {

  private ServiceRunner() {}

  /**
   * @param overridesDirectory where an operator may put {@code application.properties} that
   *     overrides this service's settings (it need not exist)
   */
  public static ConfigurableApplicationContext start(ServiceDefinition service, Map<String, String> settings,
      Path overridesDirectory) {
    SpringApplication application = new SpringApplication(service.application());
    application.setBannerMode(Banner.Mode.OFF);
    application.setRegisterShutdownHook(false);
    Properties defaults = new Properties();
    defaults.putAll(service.isolation());
    defaults.putAll(ownProperties(service.application()));
    application.setDefaultProperties(defaults);
    Map<String, String> arguments = new LinkedHashMap<>();
    arguments.put("spring.config.location", "optional:file:" + overridesDirectory.toAbsolutePath() + "/");
    arguments.putAll(settings);
    List<String> args = new ArrayList<>();
    arguments.forEach((key, value) -> args.add("--" + key + "=" + value));
    return application.run(args.toArray(String[]::new));
  }

  /** The {@code application.properties} packaged with {@code application}'s own classes. */
  static Properties ownProperties(Class<?> application) {
    Properties properties = new Properties();
    Path location;
    try {
      URI source = application.getProtectionDomain().getCodeSource().getLocation().toURI();
      location = Path.of(source);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate the classes of " + application.getName(), e);
    }
    try {
      if (Files.isDirectory(location)) {
        Path file = location.resolve("application.properties");
        if (Files.exists(file)) {
          try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
          }
        }
      } else {
        try (JarFile jar = new JarFile(location.toFile())) {
          var entry = jar.getEntry("application.properties");
          if (entry != null) {
            try (InputStream in = jar.getInputStream(entry)) {
              properties.load(in);
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the settings of " + application.getName() + " in " + location, e);
    }
    return properties;
  }
}
