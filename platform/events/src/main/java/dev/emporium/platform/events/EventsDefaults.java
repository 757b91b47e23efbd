package dev.emporium.platform.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds {@code emporium-events-defaults.properties} (Kafka client settings the envelope, outbox and
 * inbox rely on) as a property source of lowest precedence: services and environments override it.
 */
public class EventsDefaults implements EnvironmentPostProcessor {

  static final String RESOURCE = "emporium-events-defaults.properties";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    try {
      for (PropertySource<?> source : new PropertiesPropertySourceLoader().load("emporiumEventsDefaults",
          new ClassPathResource(RESOURCE, EventsDefaults.class.getClassLoader()))) {
        environment.getPropertySources().addLast(source);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }
}
