package dev.emporium.gateway.policy.compress;

import dev.emporium.gateway.config.ByteSize;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A route's {@code compress} policy.
 *
 * @param encodings the encodings offered, in the gateway's order of preference when a client
 *     accepts several equally; {@code gzip} and {@code deflate}; default [gzip, deflate]
 * @param contentTypes media types compressed (parameters ignored); {@code type/*} matches a whole
 *     type; default text, JSON, XML, JavaScript and SVG types
 * @param minSize bodies smaller than this are sent as they are; a streamed body whose length is not
 *     known in advance is compressed; default 1KiB
 * @param level the zlib level, 1 (fastest) to 9 (smallest); default 6
 */
public record CompressConfig(List<String> encodings, List<String> contentTypes, ByteSize minSize, Integer level) {

  static final Set<String> SUPPORTED = Set.of("gzip", "deflate");
  static final List<String> DEFAULT_TYPES = List.of("text/*", "application/json", "application/problem+json",
      "application/ld+json", "application/javascript", "application/xml", "application/xhtml+xml",
      "application/rss+xml", "application/atom+xml", "image/svg+xml");

  public CompressConfig {
    encodings = encodings == null ? List.of("gzip", "deflate")
        : encodings.stream().map(e -> e == null ? "" : e.trim().toLowerCase(Locale.ROOT)).toList();
    contentTypes = contentTypes == null ? DEFAULT_TYPES
        : contentTypes.stream().map(t -> t == null ? "" : t.trim().toLowerCase(Locale.ROOT)).toList();
    minSize = minSize == null ? ByteSize.ofKibibytes(1) : minSize;
    level = level == null ? 6 : level;
    if (encodings.isEmpty()) throw new IllegalArgumentException("encodings needs at least one of gzip, deflate");
    for (String e : encodings) {
      if (!SUPPORTED.contains(e)) {
        throw new IllegalArgumentException("encoding '" + e + "' is not supported; use gzip or deflate");
      }
    }
    if (contentTypes.isEmpty()) throw new IllegalArgumentException("contentTypes needs at least one media type");
    for (String t : contentTypes) {
      int slash = t.indexOf('/');
      if (slash <= 0 || slash == t.length() - 1 || t.indexOf('/', slash + 1) >= 0 || t.contains(";")) {
        throw new IllegalArgumentException("contentTypes: '" + t + "' is not a media type such as application/json or text/*");
      }
    }
    if (level < 1 || level > 9) throw new IllegalArgumentException("level must be between 1 and 9, is " + level);
  }

  /** Whether a response's {@code Content-Type} is one to compress. */
  boolean compresses(String contentType) {
    if (contentType == null) return false;
    int semi = contentType.indexOf(';');
    String type = (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    for (String t : contentTypes) {
      if (t.endsWith("/*") ? type.startsWith(t.substring(0, t.length() - 1)) : t.equals(type)) return true;
    }
    return false;
  }
}
