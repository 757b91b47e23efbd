package dev.emporium.shipping.persistence;

import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/** The jsonb columns' values: written and read with the application's mapper. */
final class Json {

  private final JsonMapper mapper;

  Json(JsonMapper mapper) {
    this.mapper = mapper;
  }

  @Nullable String write(@Nullable Object value) {
    return value == null ? null : mapper.writeValueAsString(value);
  }

  <T> @Nullable T read(@Nullable String json, Class<T> type) {
    return json == null ? null : mapper.readValue(json, type);
  }

  <T> @Nullable List<T> readList(@Nullable String json, Class<T> element) {
    return json == null ? null
        : mapper.readValue(json, mapper.getTypeFactory().constructCollectionType(List.class, element));
  }
}
