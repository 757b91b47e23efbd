package dev.emporium.platform.events.sample;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A minimal producer and consumer of events, for the events library's integration tests. */
@SpringBootApplication
public class SampleEventsApplication {}
