package dev.emporium.platform.events.schema;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON Schema (draft 2020-12) of each event type, read from the classpath at
 * {@code events/<Type>.schema.json}: the producing service ships them in src/main/resources/events,
 * its outbox checks every event it writes, and consumers' contract tests check what they read
 * against the producer's file.
 */
public final class EventSchemas {

  public static final String LOCATION = "events/";

  private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
  private final Map<String, Schema> schemas = new ConcurrentHashMap<>();
  private final ClassLoader classLoader;

  public EventSchemas() {
    this(EventSchemas.class.getClassLoader());
  }

  public EventSchemas(ClassLoader classLoader) {
    this.classLoader = classLoader;
  }

  /** Whether a schema for {@code type} is on the classpath. */
  public boolean has(String type) {
    return classLoader.getResource(path(type)) != null;
  }

  /** The violations of {@code json} against the schema of {@code type}; empty when it is valid. */
  public List<String> violations(String type, String json) {
    List<Error> errors = schema(type).validate(json, InputFormat.JSON);
    return errors.stream().map(error -> error.getInstanceLocation() + ": " + error.getMessage()).toList();
  }

  /** @throws EventSchemaViolation when {@code json} does not match the schema of {@code type} */
  public void requireValid(String type, String json) {
    List<String> violations = violations(type, json);
    if (!violations.isEmpty()) {
      throw new EventSchemaViolation(type, violations);
    }
  }

  private Schema schema(String type) {
    return schemas.computeIfAbsent(type, this::load);
  }

  private Schema load(String type) {
    if (!type.matches("[A-Z][A-Za-z0-9]*")) {
      throw new IllegalArgumentException("not an event type name: " + type);
    }
    try (InputStream in = classLoader.getResourceAsStream(path(type))) {
      if (in == null) {
        throw new IllegalStateException("no JSON Schema for event type " + type + " at classpath:" + path(type));
      }
      return registry.getSchema(in, InputFormat.JSON);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String path(String type) {
    return LOCATION + type + ".schema.json";
  }
}
