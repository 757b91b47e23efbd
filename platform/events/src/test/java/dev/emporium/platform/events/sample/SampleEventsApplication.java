package dev.emporium.platform.events.sample;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A minimal producer and consumer of events, for the events library's integration tests. Its meter
 * registry stands in for the actuator's, so that tests can read what the library counts.
 */
@SpringBootApplication
public class SampleEventsApplication {

  @Bean
  MeterRegistry meterRegistry() {
    return new SimpleMeterRegistry();
  }
}
