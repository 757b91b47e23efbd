package dev.emporium.user.persistence;

import java.sql.Array;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;

/** PostgreSQL {@code text[]} in and out. Values are role and scope names: quoted and escaped anyway. */
final class SqlArrays {

  private SqlArrays() {}

  static String literal(List<String> values) {
    return values.stream().map(v -> "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
        .collect(Collectors.joining(",", "{", "}"));
  }

  static List<String> strings(Array array) throws SQLException {
    return List.of((String[]) array.getArray());
  }
}
