package dev.emporium.platform.service.sample;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A minimal service built on the platform, for the platform's own integration tests. */
@SpringBootApplication
public class SampleServiceApplication {}
