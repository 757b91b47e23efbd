package dev.emporium.platform.service.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds the platform's defaults ({@code emporium-platform-defaults.properties}: probe paths, metrics
 * path, JSON logs, virtual threads, timeouts) as the property source of lowest precedence, so that
 * a service's application.properties, environment variables and command line all override them.
 */
public class PlatformDefaults implements EnvironmentPostProcessor {

  static final String RESOURCE = "emporium-platform-defaults.properties";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    try {
      for (PropertySource<?> source : new PropertiesPropertySourceLoader().load("emporiumPlatformDefaults",
          new ClassPathResource(RESOURCE, PlatformDefaults.class.getClassLoader()))) {
        environment.getPropertySources().addLast(source);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }
}
