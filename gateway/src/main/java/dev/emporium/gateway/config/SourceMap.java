package dev.emporium.gateway.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each field of a YAML document starts, so that a problem found after binding (an unknown
 * cluster, a bad pattern) can still name its line.
 */
public final class SourceMap {

  private final Map<String, Integer> lineByPointer;

  private SourceMap(Map<String, Integer> lineByPointer) {
    this.lineByPointer = lineByPointer;
  }

  public static SourceMap empty() {
    return new SourceMap(Map.of());
  }

  static SourceMap of(YAMLFactory factory, String text) {
    Map<String, Integer> lines = new HashMap<>();
    try (JsonParser parser = factory.createParser(text)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        String pointer = parser.getParsingContext().pathAsPointer().toString();
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
          pointer = parser.getParsingContext().getParent() == null
              ? pointer
              : parser.getParsingContext().getParent().pathAsPointer().toString();
        }
        lines.putIfAbsent(pointer, parser.currentTokenLocation().getLineNr());
      }
    } catch (IOException | RuntimeException malformed) {
      // The binder reports malformed YAML with its own location; a partial map is still useful.
    }
    return new SourceMap(lines);
  }

  /**
   * The line where a field starts, looked up by its display path ({@code routes[2].cluster}); falls
   * back to the nearest enclosing field that has a line.
   */
  public int lineOf(String fieldPath) {
    String pointer = toPointer(fieldPath);
    while (true) {
      Integer line = lineByPointer.get(pointer);
      if (line != null) return line;
      int cut = pointer.lastIndexOf('/');
      if (cut <= 0) {
        Integer root = lineByPointer.get("");
        return root == null ? 0 : root;
      }
      pointer = pointer.substring(0, cut);
    }
  }

  /** The line where exactly this field starts, or 0 when the document has no such field. */
  public int exactLineOf(String fieldPath) {
    if (fieldPath == null || fieldPath.isEmpty()) return 0;
    Integer line = lineByPointer.get(toPointer(fieldPath));
    return line == null ? 0 : line;
  }

  static String toPointer(String fieldPath) {
    if (fieldPath == null || fieldPath.isEmpty()) return "";
    StringBuilder sb = new StringBuilder();
    for (String part : fieldPath.replace("[", ".").replace("]", "").split("\\.")) {
      if (!part.isEmpty()) sb.append('/').append(part.replace("~", "~0").replace("/", "~1"));
    }
    return sb.toString();
  }
}
