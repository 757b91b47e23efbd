package dev.emporium.gateway.policy.openapi;

import com.networknt.schema.Schema;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An OpenAPI document compiled for request validation: its paths as patterns, and for each
 * operation the parameters and request body with their schemas compiled. Immutable and shared by
 * every event loop.
 */
final class OpenApiContract {

  /** One path of the document, e.g. {@code /orders/{id}}, and its operations by upper-case method. */
  record PathEntry(String template, Pattern pattern, List<String> names, Map<String, Operation> operations) {}

  record Operation(String method, String path, List<Parameter> parameters, RequestBody body) {}

  /**
   * @param in path, query, header or cookie
   * @param type how the text of the value is read before validation
   * @param explode for arrays: one occurrence per element (query, form style) rather than one
   *     delimited value
   * @param delimiter for arrays not exploded: the separator
   */
  record Parameter(String name, String in, boolean required, Schema schema, ValueType type, boolean explode, String delimiter) {}

  record RequestBody(boolean required, List<Media> media) {}

  /** A media type range the body may have; {@code schema} is null when the content is not checked. */
  record Media(String range, boolean json, Schema schema) {}

  /** The JSON type a parameter's text is read as, and for arrays that of the items. */
  record ValueType(String type, String itemType) {}

  sealed interface Lookup permits Found, NoPath, NoMethod {}

  record Found(Operation operation, Map<String, String> pathParams) implements Lookup {}

  record NoPath() implements Lookup {}

  record NoMethod(Set<String> allowed) implements Lookup {}

  private final String file;
  private final List<PathEntry> paths;

  OpenApiContract(String file, List<PathEntry> paths) {
    this.file = file;
    this.paths = paths;
  }

  String file() {
    return file;
  }

  int operationCount() {
    return paths.stream().mapToInt(p -> p.operations().size()).sum();
  }

  /** The operation for a method and path; paths are tried most specific first (fewest parameters). */
  Lookup find(String method, String path) {
    for (PathEntry entry : paths) {
      Matcher m = entry.pattern().matcher(path);
      if (!m.matches()) continue;
      Operation op = entry.operations().get(method);
      // HEAD is GET without the body (RFC 9110 §9.3.2); documents rarely list it.
      if (op == null && method.equals("HEAD")) op = entry.operations().get("GET");
      if (op == null) return new NoMethod(entry.operations().keySet());
      if (entry.names().isEmpty()) return new Found(op, Map.of());
      Map<String, String> params = new java.util.HashMap<>();
      for (int i = 0; i < entry.names().size(); i++) params.put(entry.names().get(i), m.group(i + 1));
      return new Found(op, params);
    }
    return new NoPath();
  }
}
