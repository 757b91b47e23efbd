package dev.emporium.gateway.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.emporium.gateway.config.ConfigLoader;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/**
 * The policies routes may name. Factories on the class path are found with {@link ServiceLoader};
 * embedders may register their own.
 */
public final class PolicyRegistry {

  private final Map<String, PolicyFactory<?>> factories = new TreeMap<>();

  public PolicyRegistry() {
    for (PolicyFactory<?> factory : ServiceLoader.load(PolicyFactory.class)) {
      factories.put(factory.name(), factory);
    }
  }

  public PolicyRegistry register(PolicyFactory<?> factory) {
    factories.put(factory.name(), factory);
    return this;
  }

  public Set<String> names() {
    return factories.keySet();
  }

  /** The admin resources every registered policy offers. */
  public java.util.List<dev.emporium.gateway.admin.AdminEndpoint> adminEndpoints() {
    return factories.values().stream().flatMap(f -> f.adminEndpoints().stream()).toList();
  }

  /** A policy bound and ready: the factory and its validated configuration. */
  public record Bound<C>(PolicyFactory<C> factory, C config) {
    public Policy create(PolicyContext context) {
      return factory.create(config, context);
    }

    /** Clusters the policy may send requests to, by the settings field naming each. */
    public Map<String, String> clusters() {
      return factory.clusters(config);
    }
  }

  /**
   * Binds a policy's settings to its configuration record.
   *
   * @throws IllegalArgumentException naming the unknown policy or the bad setting
   */
  public Bound<?> bind(String name, JsonNode settings, ObjectMapper mapper) {
    PolicyFactory<?> factory = factories.get(name);
    if (factory == null) {
      throw new IllegalArgumentException("unknown policy '" + name + "'; known policies: " + String.join(", ", names()));
    }
    return bindTo(factory, settings, mapper);
  }

  private static <C> Bound<C> bindTo(PolicyFactory<C> factory, JsonNode settings, ObjectMapper mapper) {
    JsonNode node = settings == null || settings.isNull() ? JsonNodeFactory.instance.objectNode() : settings;
    try {
      return new Bound<>(factory, mapper.treeToValue(node, factory.configType()));
    } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
      Throwable cause = e;
      while (cause.getCause() != null && cause.getCause() != cause) cause = cause.getCause();
      String message = cause instanceof IllegalArgumentException ? cause.getMessage()
          : e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
      // A setting nested in the policy's settings is named, so the user knows which one to fix.
      String where = e instanceof com.fasterxml.jackson.databind.JsonMappingException m
          ? ConfigLoader.fieldPath(m.getPath()) : "";
      throw new IllegalArgumentException(where.isEmpty() ? message : where + ": " + message, e);
    }
  }
}
