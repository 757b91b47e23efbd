package dev.emporium.cart.store;

import dev.emporium.cart.cart.CartLine;
import java.util.List;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** A cart's lines as the JSON array both stores keep. */
final class CartLinesJson {

  private static final TypeReference<List<CartLine>> LINES = new TypeReference<>() {};

  private final JsonMapper mapper;

  CartLinesJson(JsonMapper mapper) {
    this.mapper = mapper;
  }

  String write(List<CartLine> lines) {
    return mapper.writeValueAsString(lines);
  }

  List<CartLine> read(String json) {
    return mapper.readValue(json, LINES);
  }
}
