package dev.emporium.gateway.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads a YAML configuration into {@link GatewayConfig}. Unknown fields, wrong types and bad
 * durations or sizes fail with the file, line and field; nothing is silently ignored.
 */
public final class ConfigLoader {

  private final YAMLFactory yaml = new YAMLFactory();
  private final ObjectMapper mapper;
  private final Function<String, String> environment;

  public ConfigLoader() {
    this(System::getenv);
  }

  public ConfigLoader(Function<String, String> environment) {
    this.environment = environment;
    this.mapper = newMapper(yaml);
  }

  /** A mapper that binds configuration records, shared with policy settings binding. */
  public static ObjectMapper newMapper(YAMLFactory factory) {
    SimpleModule module = new SimpleModule("emporium-config");
    module.addDeserializer(Duration.class, new DurationDeserializer());
    module.addDeserializer(ByteSize.class, new ByteSizeDeserializer());
    module.addDeserializer(PolicyConfig.class, new PolicyConfigDeserializer());
    return new ObjectMapper(factory)
        .registerModule(module)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  public ObjectMapper mapper() {
    return mapper;
  }

  public LoadedConfig load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException(new ConfigProblem(file.toString(), 0, "", "cannot read the file: " + e.getMessage()));
    }
    return parse(file.toString(), text);
  }

  public LoadedConfig parse(String fileName, String text) {
    List<ConfigProblem> problems = new ArrayList<>();
    String substituted = EnvironmentSubstitution.apply(text, environment, fileName, problems);
    if (!problems.isEmpty()) throw new ConfigException(problems);
    if (substituted.lines().allMatch(l -> l.isBlank() || l.stripLeading().startsWith("#") || l.strip().equals("---"))) {
      // Jackson reports no content as a type mismatch; an empty file (a truncated write, a new file)
      // deserves its own words.
      throw new ConfigException(new ConfigProblem(fileName, 1, "",
          "the file is empty; it needs at least listeners, routes and clusters"));
    }
    SourceMap sources = SourceMap.of(yaml, substituted);
    try {
      GatewayConfig config = mapper.readValue(substituted, GatewayConfig.class);
      if (config == null) {
        throw new ConfigException(new ConfigProblem(fileName, 1, "", "the file is empty"));
      }
      return new LoadedConfig(config, fileName, sources);
    } catch (JsonMappingException e) {
      throw new ConfigException(describe(fileName, e, sources));
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new ConfigException(new ConfigProblem(fileName, line, "", "not valid YAML: " + e.getOriginalMessage()));
    }
  }

  static ConfigProblem describe(String fileName, JsonMappingException e, SourceMap sources) {
    String field = fieldPath(e.getPath());
    // Records are bound through their constructors, so Jackson reads a whole mapping before it
    // judges a field in it and its location is then the mapping's end; where the field itself
    // starts is the line a user needs.
    int line = sources.exactLineOf(field);
    if (line == 0) line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
    String message;
    if (e instanceof UnrecognizedPropertyException u) {
      String known = u.getKnownPropertyIds() == null ? "" : u.getKnownPropertyIds().stream()
          .map(Object::toString).sorted().collect(Collectors.joining(", "));
      message = "unknown field '" + u.getPropertyName() + "'" + (known.isEmpty() ? "" : "; known fields: " + known);
    } else if (e instanceof InvalidFormatException f) {
      message = "cannot read '" + f.getValue() + "' as " + typeName(f.getTargetType());
    } else if (e instanceof ValueInstantiationException v && v.getCause() != null) {
      message = v.getCause().getMessage();
    } else if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
      message = "expected " + typeName(m.getTargetType()) + " here";
      if (e.getCause() instanceof IllegalArgumentException iae) message = iae.getMessage();
    } else if (e.getCause() instanceof IllegalArgumentException iae) {
      message = iae.getMessage();
    } else {
      message = e.getOriginalMessage();
    }
    return new ConfigProblem(fileName, line, field, message);
  }

  private static String typeName(Class<?> type) {
    if (type == null) return "a value";
    if (type == Integer.class || type == int.class || type == Long.class) return "a whole number";
    if (type == Double.class || type == double.class) return "a number";
    if (type == Boolean.class || type == boolean.class) return "true or false";
    if (type == String.class) return "a text value";
    if (List.class.isAssignableFrom(type)) return "a list";
    if (Map.class.isAssignableFrom(type) || type.isRecord()) return "a mapping of fields";
    return type.getSimpleName();
  }

  /** A binding error's location as a settings path, e.g. {@code parts.cart.timeout} or {@code rules[0]}. */
  public static String fieldPath(List<JsonMappingException.Reference> path) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference ref : path) {
      if (ref.getFieldName() != null) {
        if (!sb.isEmpty()) sb.append('.');
        sb.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  private static final class DurationDeserializer extends JsonDeserializer<Duration> {
    @Override
    public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken() != JsonToken.VALUE_STRING) {
        throw JsonMappingException.from(p, "a duration needs a unit, e.g. 250ms, 5s, 2m",
            new IllegalArgumentException("'" + p.getText() + "' is not a duration; write a number and a unit, e.g. 250ms, 5s, 2m or 1h"));
      }
      try {
        return Durations.parse(p.getText());
      } catch (IllegalArgumentException e) {
        throw JsonMappingException.from(p, e.getMessage(), e);
      }
    }
  }

  private static final class ByteSizeDeserializer extends JsonDeserializer<ByteSize> {
    @Override
    public ByteSize deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      try {
        return ByteSize.parse(p.getText());
      } catch (IllegalArgumentException e) {
        throw JsonMappingException.from(p, e.getMessage(), e);
      }
    }
  }

  /** A policy is written as {@code - name: {settings}} or just {@code - name}. */
  private static final class PolicyConfigDeserializer extends JsonDeserializer<PolicyConfig> {
    @Override
    public PolicyConfig deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      // Through the context: the mapper's readTree would check for trailing tokens mid-document.
      JsonNode node = ctxt.readTree(p);
      if (node.isTextual()) return new PolicyConfig(node.asText(), NullNode.getInstance());
      if (node.isObject() && node.size() == 1) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        Map.Entry<String, JsonNode> only = fields.next();
        return new PolicyConfig(only.getKey(), only.getValue());
      }
      throw JsonMappingException.from(p, "a policy is one name with its settings",
          new IllegalArgumentException("a policy is written as '- name: {settings}' with exactly one name"));
    }
  }
}
