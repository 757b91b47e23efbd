package dev.emporium.gateway.config;

/**
 * One thing wrong with a configuration file: where it is (file, line, field path) and what is wrong.
 *
 * @param file the file's name as given when loading
 * @param line 1-based line, or 0 when the problem has no single place
 * @param field the field path, e.g. {@code routes[2].cluster}
 * @param message what is wrong, in words a user can act on
 */
public record ConfigProblem(String file, int line, String field, String message) {

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(file);
    if (line > 0) sb.append(':').append(line);
    if (field != null && !field.isEmpty()) sb.append(": ").append(field);
    return sb.append(": ").append(message).toString();
  }
}
