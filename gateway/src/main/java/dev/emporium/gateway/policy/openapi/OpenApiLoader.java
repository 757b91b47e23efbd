package dev.emporium.gateway.policy.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import dev.emporium.gateway.policy.openapi.OpenApiContract.Media;
import dev.emporium.gateway.policy.openapi.OpenApiContract.Operation;
import dev.emporium.gateway.policy.openapi.OpenApiContract.Parameter;
import dev.emporium.gateway.policy.openapi.OpenApiContract.PathEntry;
import dev.emporium.gateway.policy.openapi.OpenApiContract.RequestBody;
import dev.emporium.gateway.policy.openapi.OpenApiContract.ValueType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads one OpenAPI 3.0 or 3.1 document into an {@link OpenApiContract}. The document's own tree
 * gives the paths, operations, parameters and request bodies (local {@code $ref}s followed); the
 * schemas in it are compiled by networknt's JSON Schema validator with the OpenAPI dialect of the
 * document's version, from the same document, so that {@code $ref}s inside schemas resolve too.
 * Nothing is fetched from the network: a reference to another file or URL is an error.
 */
final class OpenApiLoader {

  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
  private static final Set<String> IGNORED_HEADERS = Set.of("accept", "content-type", "authorization");
  private static final int MAX_REF_DEPTH = 16;
  private static final String RESERVED_HOST = "https://openapi.emporium.invalid";

  /** The document is not a usable OpenAPI 3 document. */
  static final class InvalidDocumentException extends RuntimeException {
    InvalidDocumentException(String message) {
      super(message);
    }
  }

  private final String name;
  private final Path file;
  private final byte[] bytes;
  private JsonNode root;
  private String iri;
  private SchemaRegistry registry;

  OpenApiLoader(String name, Path file, byte[] bytes) {
    this.name = name;
    this.file = file;
    this.bytes = bytes;
  }

  OpenApiContract load() {
    root = parse();
    JsonNode version = root.get("openapi");
    if (version == null || !version.isTextual() || !version.asText().matches("3\\.[01](\\..*)?")) {
      throw invalid("is not an OpenAPI 3.0 or 3.1 document: it needs 'openapi: 3.0.x' or 'openapi: 3.1.x' at the top");
    }
    Dialect dialect = version.asText().startsWith("3.0") ? Dialects.getOpenApi30() : Dialects.getOpenApi31();
    // The document gets an address of its own under a reserved domain; remote fetching stays off,
    // so a schema's $ref to anything outside the document fails here rather than at request time.
    iri = RESERVED_HOST + file.toUri().getRawPath();
    String json;
    try {
      json = new ObjectMapper().writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw invalid("cannot be read: " + e.getOriginalMessage());
    }
    Map<String, String> documents = Map.of(iri, json);
    registry = SchemaRegistry.withDefaultDialect(dialect, builder -> builder
        .schemaLoader(loader -> loader.fetchRemoteResources(false).resourceLoaders(r -> r.resources(documents))));

    JsonNode paths = root.get("paths");
    if (paths == null || !paths.isObject()) throw invalid("has no 'paths'");
    List<PathEntry> entries = new ArrayList<>();
    for (var it = paths.fields(); it.hasNext(); ) {
      var e = it.next();
      entries.add(pathEntry(e.getKey(), e.getValue()));
    }
    // Concrete paths before templated ones (OpenAPI 3, "Path Templating Matching").
    entries.sort(Comparator.comparingInt((PathEntry p) -> p.names().size())
        .thenComparing(Comparator.comparingInt((PathEntry p) -> p.template().length()).reversed()));
    return new OpenApiContract(name, List.copyOf(entries));
  }

  private JsonNode parse() {
    String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
    ObjectMapper mapper = lower.endsWith(".json") ? new JsonMapper() : new YAMLMapper();
    try {
      JsonNode node = mapper.readTree(new String(bytes, StandardCharsets.UTF_8));
      if (node == null || !node.isObject()) throw invalid("is empty or not a mapping");
      return node;
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw invalid("is not valid " + (lower.endsWith(".json") ? "JSON" : "YAML") + (line > 0 ? " at line " + line : "")
          + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw invalid("cannot be read: " + e.getMessage());
    }
  }

  private PathEntry pathEntry(String template, JsonNode rawItem) {
    String where = "paths." + template;
    if (!template.startsWith("/")) throw invalid(where + ": a path must start with '/'");
    Located item = resolve(rawItem, "/paths/" + escape(template), where);
    List<String> names = new ArrayList<>();
    Pattern pattern = compile(template, names, where);
    List<JsonNode> shared = new ArrayList<>();
    List<String> sharedPointers = new ArrayList<>();
    JsonNode common = item.node().get("parameters");
    if (common != null) {
      for (int i = 0; i < common.size(); i++) {
        shared.add(common.get(i));
        sharedPointers.add(item.pointer() + "/parameters/" + i);
      }
    }
    Map<String, Operation> operations = new LinkedHashMap<>();
    for (var it = item.node().fields(); it.hasNext(); ) {
      var e = it.next();
      String method = e.getKey().toLowerCase(Locale.ROOT);
      if (!METHODS.contains(method)) continue;
      String opWhere = where + "." + e.getKey();
      String opPointer = item.pointer() + "/" + escape(e.getKey());
      operations.put(method.toUpperCase(Locale.ROOT),
          operation(method.toUpperCase(Locale.ROOT), template, e.getValue(), opPointer, opWhere, shared, sharedPointers, names));
    }
    return new PathEntry(template, pattern, List.copyOf(names), Map.copyOf(operations));
  }

  private static Pattern compile(String template, List<String> names, String where) {
    StringBuilder regex = new StringBuilder();
    int i = 0;
    while (i < template.length()) {
      int open = template.indexOf('{', i);
      if (open < 0) {
        regex.append(Pattern.quote(template.substring(i)));
        break;
      }
      int close = template.indexOf('}', open);
      if (close < 0) throw new InvalidDocumentException(where + ": '{' without '}'");
      if (open > i) regex.append(Pattern.quote(template.substring(i, open)));
      names.add(template.substring(open + 1, close));
      regex.append("([^/]+)");
      i = close + 1;
    }
    return Pattern.compile(regex.toString());
  }

  private Operation operation(String method, String path, JsonNode op, String pointer, String where,
      List<JsonNode> shared, List<String> sharedPointers, List<String> pathNames) {
    Map<String, Parameter> byKey = new LinkedHashMap<>();
    for (int i = 0; i < shared.size(); i++) {
      Parameter p = parameter(shared.get(i), sharedPointers.get(i), where + ".parameters");
      if (p != null) byKey.put(p.in() + ":" + p.name().toLowerCase(Locale.ROOT), p);
    }
    JsonNode own = op.get("parameters");
    if (own != null) {
      for (int i = 0; i < own.size(); i++) {
        Parameter p = parameter(own.get(i), pointer + "/parameters/" + i, where + ".parameters[" + i + "]");
        // An operation's parameter overrides the path's of the same name and location.
        if (p != null) byKey.put(p.in() + ":" + p.name().toLowerCase(Locale.ROOT), p);
      }
    }
    for (Parameter p : byKey.values()) {
      if (p.in().equals("path") && !pathNames.contains(p.name())) {
        throw invalid(where + ": path parameter '" + p.name() + "' does not appear in the path " + path);
      }
    }
    RequestBody body = null;
    JsonNode rawBody = op.get("requestBody");
    if (rawBody != null) body = requestBody(rawBody, pointer + "/requestBody", where + ".requestBody");
    return new Operation(method, path, List.copyOf(byKey.values()), body);
  }

  private Parameter parameter(JsonNode raw, String pointer, String where) {
    Located p = resolve(raw, pointer, where);
    JsonNode node = p.node();
    String name = text(node, "name", where);
    String in = text(node, "in", where);
    if (!Set.of("path", "query", "header", "cookie").contains(in)) {
      throw invalid(where + ": 'in' must be path, query, header or cookie, is '" + in + "'");
    }
    if (in.equals("header") && IGNORED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
      return null; // OpenAPI 3: such header parameters are ignored.
    }
    boolean required = in.equals("path") || node.path("required").asBoolean(false);
    String schemaPointer;
    if (node.has("schema")) {
      schemaPointer = p.pointer() + "/schema";
    } else if (node.has("content") && node.get("content").size() == 1) {
      String media = node.get("content").fieldNames().next();
      schemaPointer = p.pointer() + "/content/" + escape(media) + "/schema";
      if (!node.get("content").get(media).has("schema")) schemaPointer = null;
    } else {
      throw invalid(where + ": parameter '" + name + "' needs a schema (or content with one media type)");
    }
    Schema schema = schemaPointer == null ? null : schema(schemaPointer, where + ".schema");
    ValueType type = node.has("content") ? new ValueType("json", null) : valueType(node.get("schema"), where);
    String style = node.path("style").asText(switch (in) {
      case "query", "cookie" -> "form";
      default -> "simple";
    });
    boolean explode = node.path("explode").asBoolean(style.equals("form"));
    String delimiter = switch (style) {
      case "spaceDelimited" -> " ";
      case "pipeDelimited" -> "|";
      default -> ",";
    };
    return new Parameter(name, in, required, schema, type, explode, delimiter);
  }

  private RequestBody requestBody(JsonNode raw, String pointer, String where) {
    Located body = resolve(raw, pointer, where);
    JsonNode content = body.node().get("content");
    if (content == null || !content.isObject() || content.isEmpty()) throw invalid(where + ": needs 'content'");
    List<Media> media = new ArrayList<>();
    for (var it = content.fields(); it.hasNext(); ) {
      var e = it.next();
      String range = e.getKey().toLowerCase(Locale.ROOT).split(";")[0].trim();
      boolean json = isJson(range);
      Schema schema = json && e.getValue().has("schema")
          ? schema(body.pointer() + "/content/" + escape(e.getKey()) + "/schema", where + ".content." + e.getKey() + ".schema")
          : null;
      media.add(new Media(range, json, schema));
    }
    return new RequestBody(body.node().path("required").asBoolean(false), List.copyOf(media));
  }

  static boolean isJson(String mediaType) {
    return mediaType.equals("application/json") || (mediaType.startsWith("application/") && mediaType.endsWith("+json"));
  }

  private Schema schema(String pointer, String where) {
    try {
      Schema schema = registry.getSchema(SchemaLocation.of(iri + "#" + pointer));
      schema.initializeValidators();
      return schema;
    } catch (RuntimeException e) {
      for (Throwable c = e; c != null; c = c.getCause()) {
        if (c instanceof java.io.FileNotFoundException missing) {
          throw invalid(where + ": a $ref points outside the document ("
              + missing.getMessage().replace(RESERVED_HOST, "") + "); only references within it (#/...) are supported");
        }
      }
      throw invalid(where + ": the schema cannot be compiled: " + String.valueOf(e.getMessage()).replace(RESERVED_HOST, ""));
    }
  }

  /** How a parameter's text is read: by its schema's type, following local references. */
  private ValueType valueType(JsonNode schema, String where) {
    JsonNode s = schema == null ? null : resolve(schema, "", where).node();
    String type = typeOf(s);
    if ("array".equals(type)) {
      JsonNode items = s.get("items");
      return new ValueType("array", items == null ? null : typeOf(resolve(items, "", where).node()));
    }
    return new ValueType(type, null);
  }

  private static String typeOf(JsonNode schema) {
    if (schema == null) return null;
    JsonNode type = schema.get("type");
    if (type == null) return null;
    if (type.isTextual()) return type.asText();
    if (type.isArray()) {
      for (JsonNode t : type) {
        if (!t.asText().equals("null")) return t.asText();
      }
    }
    return null;
  }

  /** A node and where it is in the document, after following any chain of {@code $ref}s. */
  private record Located(JsonNode node, String pointer) {}

  private Located resolve(JsonNode node, String pointer, String where) {
    JsonNode current = node;
    String at = pointer;
    for (int depth = 0; current != null && current.has("$ref"); depth++) {
      if (depth == MAX_REF_DEPTH) throw invalid(where + ": $ref chain too long or circular");
      String ref = current.get("$ref").asText();
      if (!ref.startsWith("#/")) {
        throw invalid(where + ": $ref '" + ref + "' points outside the document; only local references (#/...) are supported");
      }
      at = ref.substring(1);
      current = root.at(at);
      if (current == null || current.isMissingNode()) throw invalid(where + ": $ref '" + ref + "' points to nothing");
    }
    if (current == null || !current.isObject()) throw invalid(where + ": expected a mapping");
    return new Located(current, at);
  }

  private String text(JsonNode node, String field, String where) {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual() || v.asText().isEmpty()) throw invalid(where + ": '" + field + "' is required");
    return v.asText();
  }

  static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }

  private InvalidDocumentException invalid(String message) {
    return new InvalidDocumentException(message);
  }
}
