package dev.emporium.gateway.config;

import java.util.Locale;

/**
 * A size in bytes, written in configuration as {@code 512}, {@code 64KiB}, {@code 10MiB}, {@code 1GiB}
 * (binary units) or {@code 10KB}, {@code 5MB} (decimal units).
 */
public record ByteSize(long bytes) {

  public ByteSize {
    if (bytes < 0) {
      throw new IllegalArgumentException("a size cannot be negative");
    }
  }

  public static ByteSize ofBytes(long bytes) {
    return new ByteSize(bytes);
  }

  public static ByteSize ofKibibytes(long kib) {
    return new ByteSize(kib * 1024);
  }

  public static ByteSize ofMebibytes(long mib) {
    return new ByteSize(mib * 1024 * 1024);
  }

  public static ByteSize parse(String text) {
    String s = text.trim();
    int split = 0;
    while (split < s.length() && (Character.isDigit(s.charAt(split)) || s.charAt(split) == '.')) {
      split++;
    }
    if (split == 0) {
      throw new IllegalArgumentException("'" + text + "' is not a size; write e.g. 512, 64KiB or 10MiB");
    }
    double number = Double.parseDouble(s.substring(0, split));
    String unit = s.substring(split).trim().toLowerCase(Locale.ROOT);
    long multiplier = switch (unit) {
      case "", "b" -> 1L;
      case "kib", "ki", "k" -> 1L << 10;
      case "mib", "mi", "m" -> 1L << 20;
      case "gib", "gi", "g" -> 1L << 30;
      case "kb" -> 1_000L;
      case "mb" -> 1_000_000L;
      case "gb" -> 1_000_000_000L;
      default -> throw new IllegalArgumentException(
          "'" + text + "' has an unknown unit '" + unit + "'; use B, KiB, MiB, GiB, KB, MB or GB");
    };
    return new ByteSize(Math.round(number * multiplier));
  }

  public int toIntBytes() {
    return (int) Math.min(Integer.MAX_VALUE, bytes);
  }

  @Override
  public String toString() {
    if (bytes % (1L << 30) == 0 && bytes > 0) return (bytes >> 30) + "GiB";
    if (bytes % (1L << 20) == 0 && bytes > 0) return (bytes >> 20) + "MiB";
    if (bytes % (1L << 10) == 0 && bytes > 0) return (bytes >> 10) + "KiB";
    return bytes + "B";
  }
}
