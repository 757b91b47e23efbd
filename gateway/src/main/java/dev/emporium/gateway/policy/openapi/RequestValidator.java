package dev.emporium.gateway.policy.openapi;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.path.NodePath;
import dev.emporium.gateway.policy.openapi.OpenApiContract.Operation;
import dev.emporium.gateway.policy.openapi.OpenApiContract.Parameter;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Checks a request's parameters and JSON body against one operation. Stateless; shared. */
final class RequestValidator {

  private static final JsonMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private RequestValidator() {}

  /** The parts of a request that parameters come from. */
  record Inputs(Map<String, String> pathParams, String rawQuery, MultiMap headers, Map<String, String> cookies) {}

  static void parameters(Operation op, Inputs in, List<FieldError> errors, int max) {
    Map<String, List<String>> query = null;
    for (Parameter p : op.parameters()) {
      if (errors.size() >= max) return;
      List<String> values = switch (p.in()) {
        case "path" -> {
          String v = in.pathParams().get(p.name());
          yield v == null ? List.of() : List.of(decode(v, false));
        }
        case "query" -> {
          if (query == null) query = parseQuery(in.rawQuery());
          yield query.getOrDefault(p.name(), List.of());
        }
        case "header" -> in.headers().getAll(p.name());
        default -> {
          String v = in.cookies().get(p.name());
          yield v == null ? List.of() : List.of(v);
        }
      };
      String field = p.in() + "." + p.name();
      if (values.isEmpty()) {
        if (p.required()) errors.add(new FieldError(field, "is required"));
        continue;
      }
      if (p.schema() == null) continue;
      check(p.schema(), ValueReader.read(p, values), field, errors, max);
    }
  }

  /** Validates a JSON body; a body that does not parse is one error on {@code body}. */
  static void jsonBody(Schema schema, Buffer body, List<FieldError> errors, int max) {
    JsonNode node;
    try {
      node = JSON.readTree(body.getBytes());
    } catch (JacksonException e) {
      errors.add(new FieldError("body", "is not valid JSON"));
      return;
    }
    if (node == null || node.isMissingNode()) {
      errors.add(new FieldError("body", "is not valid JSON"));
      return;
    }
    check(schema, node, "body", errors, max);
  }

  private static void check(Schema schema, JsonNode value, String field, List<FieldError> errors, int max) {
    for (Error e : schema.validate(value)) {
      if (errors.size() >= max) return;
      errors.add(new FieldError(field + suffix(e), message(e)));
    }
  }

  /** {@code .items[0].quantity} from the error's instance location, plus the missing property's name. */
  private static String suffix(Error e) {
    StringBuilder sb = new StringBuilder();
    NodePath path = e.getInstanceLocation();
    if (path != null) {
      for (int i = 0; i < path.getNameCount(); i++) {
        Object element = path.getElement(i);
        if (element instanceof Integer index) {
          sb.append('[').append(index).append(']');
        } else {
          sb.append('.').append(element);
        }
      }
    }
    String property = e.getProperty();
    if (property != null && ("required".equals(e.getKeyword()) || "dependentRequired".equals(e.getKeyword())
        || "additionalProperties".equals(e.getKeyword()) || "unevaluatedProperties".equals(e.getKeyword()))) {
      sb.append('.').append(property);
    }
    return sb.toString();
  }

  /** The validator's message without its leading instance location ({@code $.quantity: }). */
  private static String message(Error e) {
    String message = e.getMessage();
    if (message == null) return e.getKeyword() == null ? "is invalid" : "fails " + e.getKeyword();
    String location = e.getInstanceLocation() == null ? null : e.getInstanceLocation().toString();
    if (location != null && message.startsWith(location + ": ")) return message.substring(location.length() + 2);
    return message;
  }

  static Map<String, List<String>> parseQuery(String raw) {
    Map<String, List<String>> out = new HashMap<>();
    if (raw == null || raw.isEmpty()) return out;
    for (String part : raw.split("&")) {
      if (part.isEmpty()) continue;
      int eq = part.indexOf('=');
      String name = decode(eq < 0 ? part : part.substring(0, eq), true);
      String value = eq < 0 ? "" : decode(part.substring(eq + 1), true);
      out.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
    }
    return out;
  }

  private static String decode(String s, boolean plusIsSpace) {
    try {
      return URLDecoder.decode(plusIsSpace ? s : s.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }
}
