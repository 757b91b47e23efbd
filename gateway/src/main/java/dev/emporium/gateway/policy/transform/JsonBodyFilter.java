package dev.emporium.gateway.policy.transform;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Applies a route's {@link JsonEdits} to a body in memory. The document is parsed into a tree and
 * written back from it, so what the client gets is exactly the tree after the edits: a duplicate
 * member or odd spacing in the upstream's text cannot carry a removed field past the filter.
 */
final class JsonBodyFilter {

  /** Numbers keep their exact text (no rounding through double) and are never written in exponent form. */
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
      .build();

  private final List<JsonFieldPath> removals;
  private final List<Map.Entry<JsonFieldPath, String>> renames;
  final long maxBodySize;
  final boolean passNonJson;

  JsonBodyFilter(JsonEdits edits) {
    this.removals = edits.remove().stream().map(JsonFieldPath::parse).toList();
    List<Map.Entry<JsonFieldPath, String>> r = new ArrayList<>();
    edits.rename().forEach((from, to) -> r.add(Map.entry(JsonFieldPath.parse(from), to)));
    this.renames = List.copyOf(r);
    this.maxBodySize = edits.maxBodySize().bytes();
    this.passNonJson = edits.nonJson().equals("pass");
  }

  /** Whether an unfilterable body must be refused: removal is a security filter, renaming is not. */
  boolean filters() {
    return !removals.isEmpty();
  }

  /** The body after the edits. @throws NotJsonException when the body does not parse as JSON */
  Buffer apply(Buffer body) {
    JsonNode root;
    try {
      root = MAPPER.readTree(body.getBytes());
    } catch (IOException e) {
      throw new NotJsonException();
    }
    if (root == null || root.isMissingNode()) throw new NotJsonException();
    for (JsonFieldPath path : removals) path.remove(root);
    for (var rename : renames) rename.getKey().rename(root, rename.getValue());
    try {
      return Buffer.buffer(MAPPER.writeValueAsBytes(root));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a parsed JSON tree could not be written", e);
    }
  }

  /**
   * Whether a Content-Type names JSON ({@code application/json}, {@code application/*+json}) in
   * UTF-8, the only encoding the filter writes back.
   */
  static boolean isJson(String contentType) {
    if (contentType == null) return false;
    String[] parts = contentType.split(";");
    String type = parts[0].trim().toLowerCase(Locale.ROOT);
    if (!type.equals("application/json") && !(type.startsWith("application/") && type.endsWith("+json"))) return false;
    for (int i = 1; i < parts.length; i++) {
      String param = parts[i].trim().toLowerCase(Locale.ROOT);
      if (param.startsWith("charset=")) {
        String charset = param.substring("charset=".length()).replace("\"", "");
        if (!charset.equals("utf-8") && !charset.equals("utf8")) return false;
      }
    }
    return true;
  }

  /** The body is not JSON although its Content-Type says so. */
  static final class NotJsonException extends RuntimeException {
    NotJsonException() {
      super("not valid JSON", null, false, false);
    }
  }
}
