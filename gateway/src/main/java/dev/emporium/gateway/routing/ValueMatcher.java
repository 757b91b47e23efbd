package dev.emporium.gateway.routing;

import java.util.regex.Pattern;

/** A compiled header or query predicate: exact value, regular expression, presence or absence. */
public record ValueMatcher(String name, String exact, Pattern regex, Boolean present) {

  public boolean test(String value) {
    if (present != null) return present == (value != null);
    if (value == null) return false;
    if (exact != null) return exact.equals(value);
    return regex.matcher(value).matches();
  }
}
