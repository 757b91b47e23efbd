package dev.emporium.gateway.policy.openapi;

import dev.emporium.gateway.policy.openapi.OpenApiContract.Parameter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Reads a parameter's text as the JSON value its schema expects: {@code 5} as a number for an
 * integer schema, {@code a,b} as an array. Text that cannot be read as the expected type stays a
 * string, so that the schema reports the type mismatch in its own words.
 */
final class ValueReader {

  private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]{0,400})");
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ValueReader() {}

  static JsonNode read(Parameter p, List<String> values) {
    String type = p.type().type();
    if ("array".equals(type)) {
      ArrayNode array = NODES.arrayNode();
      if (p.explode() && (p.in().equals("query") || p.in().equals("cookie"))) {
        for (String v : values) array.add(scalar(p.type().itemType(), v));
      } else {
        for (String v : values) {
          for (String part : v.split(Pattern.quote(p.delimiter()), -1)) array.add(scalar(p.type().itemType(), part));
        }
      }
      return array;
    }
    return scalar(type, values.getFirst());
  }

  static JsonNode scalar(String type, String text) {
    if (type == null) return NODES.stringNode(text);
    switch (type) {
      case "integer" -> {
        if (INTEGER.matcher(text).matches()) return NODES.numberNode(new BigInteger(text));
      }
      case "number" -> {
        if (text.length() <= 400 && text.matches("-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?")) {
          return NODES.numberNode(new BigDecimal(text));
        }
      }
      case "boolean" -> {
        if (text.equals("true") || text.equals("false")) return NODES.booleanNode(Boolean.parseBoolean(text));
      }
      case "json" -> {
        try {
          return JSON.readTree(text);
        } catch (RuntimeException e) {
          return NODES.stringNode(text);
        }
      }
      default -> {
        return NODES.stringNode(text);
      }
    }
    return NODES.stringNode(text);
  }
}
