package dev.emporium.gateway.config;

import java.time.Duration;
import java.util.Locale;

/** Parses durations as configuration writes them: {@code 250ms}, {@code 5s}, {@code 1.5s}, {@code 2m}, {@code 1h}. */
public final class Durations {

  private Durations() {}

  public static Duration parse(String text) {
    String s = text.trim().toLowerCase(Locale.ROOT);
    int split = 0;
    while (split < s.length() && (Character.isDigit(s.charAt(split)) || s.charAt(split) == '.')) {
      split++;
    }
    if (split == 0 || split == s.length()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a duration; write a number and a unit, e.g. 250ms, 5s, 2m or 1h");
    }
    double number = Double.parseDouble(s.substring(0, split));
    double nanosPerUnit = switch (s.substring(split)) {
      case "ms" -> 1e6;
      case "s" -> 1e9;
      case "m" -> 60e9;
      case "h" -> 3600e9;
      case "d" -> 86400e9;
      default -> throw new IllegalArgumentException(
          "'" + text + "' has an unknown unit; use ms, s, m, h or d");
    };
    return Duration.ofNanos(Math.round(number * nanosPerUnit));
  }

  /** The shortest faithful spelling, as configuration would write it. */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms % 3_600_000 == 0 && ms > 0) return ms / 3_600_000 + "h";
    if (ms % 60_000 == 0 && ms > 0) return ms / 60_000 + "m";
    if (ms % 1_000 == 0) return ms / 1_000 + "s";
    return ms + "ms";
  }
}
