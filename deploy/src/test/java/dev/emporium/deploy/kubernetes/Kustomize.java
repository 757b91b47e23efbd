package dev.emporium.deploy.kubernetes;

import io.fabric8.zjsonpatch.JsonPatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Renders a kustomization as {@code kubectl kustomize} does, for the subset of Kustomize that
 * deploy/kubernetes uses: {@code resources} (files and directories), {@code namespace},
 * {@code labels} (with {@code includeTemplates}) and {@code patches} in JSON 6902 form with a target
 * of kind, name and equality label selector. Anything else is refused by name, so a kustomization
 * that outgrows this renderer fails its tests instead of being half understood. Unlike Kustomize, a
 * patch whose target matches nothing is an error: such a patch is a typo, not an intention.
 */
final class Kustomize {

  private static final YAMLMapper YAML = YAMLMapper.builder().build();
  private static final Set<String> SUPPORTED = Set.of("apiVersion", "kind", "namespace", "resources", "labels", "patches");
  private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
      "CustomResourceDefinition", "PersistentVolume", "StorageClass", "PriorityClass", "IngressClass");
  private static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job");

  private Kustomize() {}

  /** The resources {@code directory}'s kustomization.yaml produces, in the order of its resources. */
  static List<ObjectNode> render(Path directory) {
    Path file = directory.resolve("kustomization.yaml");
    if (!Files.isRegularFile(file)) throw new IllegalArgumentException(directory + ": no kustomization.yaml");
    JsonNode kustomization = readAll(file).getFirst();
    for (Iterator<String> names = kustomization.propertyNames().iterator(); names.hasNext(); ) {
      String name = names.next();
      if (!SUPPORTED.contains(name)) {
        throw new IllegalArgumentException(file + ": '" + name + "' is not supported by this renderer; supported: "
            + new java.util.TreeSet<>(SUPPORTED));
      }
    }
    List<ObjectNode> resources = new ArrayList<>();
    for (JsonNode entry : kustomization.path("resources")) {
      Path resource = directory.resolve(entry.asString()).normalize();
      if (Files.isDirectory(resource)) {
        resources.addAll(render(resource));
      } else if (Files.isRegularFile(resource)) {
        for (JsonNode doc : readAll(resource)) resources.add((ObjectNode) doc);
      } else {
        throw new IllegalArgumentException(file + ": resource '" + entry.asString() + "' does not exist");
      }
    }
    for (JsonNode patch : kustomization.path("patches")) applyPatch(file, directory, patch, resources);
    for (JsonNode labels : kustomization.path("labels")) applyLabels(file, labels, resources);
    if (kustomization.has("namespace")) {
      String namespace = kustomization.get("namespace").asString();
      for (ObjectNode resource : resources) {
        if (!CLUSTER_SCOPED.contains(resource.path("kind").asString())) {
          ((ObjectNode) resource.get("metadata")).put("namespace", namespace);
        }
      }
    }
    return resources;
  }

  /** Every document of a YAML file (empty documents, e.g. a trailing {@code ---}, left out). */
  static List<JsonNode> readAll(Path file) {
    try {
      return parseAll(Files.readString(file), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<JsonNode> parseAll(String text, String source) {
    List<JsonNode> docs = new ArrayList<>();
    try (var values = YAML.readerFor(JsonNode.class).readValues(text)) {
      while (values.hasNext()) {
        JsonNode doc = (JsonNode) values.next();
        if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
          if (!doc.isObject()) throw new IllegalArgumentException(source + ": a document is not a mapping: " + doc);
          docs.add(doc);
        }
      }
    }
    return docs;
  }

  private static void applyPatch(Path file, Path directory, JsonNode entry, List<ObjectNode> resources) {
    JsonNode operations;
    String where;
    if (entry.has("path")) {
      where = entry.get("path").asString();
      Path patchFile = directory.resolve(where);
      if (!Files.isRegularFile(patchFile)) {
        throw new IllegalArgumentException(file + ": patch '" + where + "' does not exist");
      }
      try {
        operations = YAML.readTree(Files.readString(patchFile));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    } else if (entry.has("patch")) {
      where = "inline patch";
      operations = YAML.readTree(entry.get("patch").asString());
    } else {
      throw new IllegalArgumentException(file + ": a patch needs 'path' or 'patch'");
    }
    if (!operations.isArray()) {
      throw new IllegalArgumentException(file + ": " + where + " is not a JSON 6902 list of operations "
          + "(strategic merge patches are not supported by this renderer)");
    }
    JsonNode target = entry.path("target");
    if (target.isMissingNode()) throw new IllegalArgumentException(file + ": " + where + " needs a target");
    int matched = 0;
    for (int i = 0; i < resources.size(); i++) {
      ObjectNode resource = resources.get(i);
      if (!matches(target, resource)) continue;
      matched++;
      try {
        resources.set(i, (ObjectNode) JsonPatch.apply(operations, resource));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(file + ": " + where + " does not apply to " + describe(resource) + ": "
            + e.getMessage(), e);
      }
    }
    if (matched == 0) throw new IllegalArgumentException(file + ": the target of " + where + " matches no resource: " + target);
  }

  private static boolean matches(JsonNode target, ObjectNode resource) {
    if (target.has("kind") && !target.get("kind").asString().equals(resource.path("kind").asString())) return false;
    if (target.has("name")
        && !target.get("name").asString().equals(resource.path("metadata").path("name").asString())) {
      return false;
    }
    if (target.has("labelSelector")) {
      JsonNode labels = resource.path("metadata").path("labels");
      for (String requirement : target.get("labelSelector").asString().split(",")) {
        String[] pair = requirement.trim().split("=", 2);
        if (pair.length != 2 || pair[0].endsWith("!")) {
          throw new IllegalArgumentException("label selector '" + requirement + "': only key=value is supported");
        }
        if (!pair[1].equals(labels.path(pair[0]).asString(null))) return false;
      }
    }
    for (String field : List.of("group", "version", "namespace", "annotationSelector")) {
      if (target.has(field)) throw new IllegalArgumentException("patch target field '" + field + "' is not supported");
    }
    return true;
  }

  private static void applyLabels(Path file, JsonNode labels, List<ObjectNode> resources) {
    if (labels.path("includeSelectors").asBoolean(false)) {
      throw new IllegalArgumentException(file + ": labels with includeSelectors are not supported by this renderer");
    }
    boolean templates = labels.path("includeTemplates").asBoolean(false);
    for (ObjectNode resource : resources) {
      addLabels(resource.withObject("/metadata"), labels.path("pairs"));
      if (templates && WORKLOADS.contains(resource.path("kind").asString())) {
        addLabels(resource.withObject("/spec/template/metadata"), labels.path("pairs"));
      }
    }
  }

  private static void addLabels(ObjectNode metadata, JsonNode pairs) {
    ObjectNode target = metadata.withObject("/labels");
    for (Map.Entry<String, JsonNode> pair : pairs.properties()) target.put(pair.getKey(), pair.getValue().asString());
  }

  static String describe(JsonNode resource) {
    return resource.path("kind").asString() + " " + resource.path("metadata").path("name").asString();
  }

  /** A deep copy, for tests that break one resource of a rendered set. */
  static List<ObjectNode> copy(List<ObjectNode> resources) {
    List<ObjectNode> copies = new ArrayList<>();
    for (ObjectNode resource : resources) copies.add(resource.deepCopy());
    return copies;
  }

  static ArrayNode array() {
    return YAML.createArrayNode();
  }
}
