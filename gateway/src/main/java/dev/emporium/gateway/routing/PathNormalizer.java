package dev.emporium.gateway.routing;

/**
 * Turns a request path into the one canonical spelling that routes are matched against and that
 * the upstream receives, so that {@code /api//orders}, {@code /api/./orders} and
 * {@code /api/%6Frders} can never reach a route, or skip one, that {@code /api/orders} would not.
 *
 * <p>It decodes percent-encoded unreserved characters, upper-cases the hex of the encodings it
 * keeps, encodes printable characters a path may not carry raw ({@code "#<>[]^`{|}}), merges
 * repeated slashes and removes dot segments (also their encoded forms). It refuses
 * encoded {@code /} and {@code \} (unless told to keep them), encoded NUL, raw control characters,
 * raw backslashes, non-ASCII bytes, malformed escapes, and dot segments with parameters
 * ({@code /..;/}) that some servers behind a gateway resolve.
 */
public final class PathNormalizer {

  private final boolean keepEncodedSlashes;

  public PathNormalizer(boolean keepEncodedSlashes) {
    this.keepEncodedSlashes = keepEncodedSlashes;
  }

  /** The outcome: a normalized path, or why the path is refused. */
  public sealed interface Result permits Normalized, Rejected {}

  public record Normalized(String path) implements Result {}

  public record Rejected(String reason) implements Result {}

  public Result normalize(String raw) {
    if (raw == null || raw.isEmpty() || raw.charAt(0) != '/') {
      return new Rejected("the request target must be an absolute path starting with '/'");
    }
    if (isAlreadyNormal(raw)) {
      return new Normalized(raw);
    }
    StringBuilder decoded = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        if (i + 2 >= raw.length() || hex(raw.charAt(i + 1)) < 0 || hex(raw.charAt(i + 2)) < 0) {
          return new Rejected("the path has a malformed percent-encoding");
        }
        int value = hex(raw.charAt(i + 1)) * 16 + hex(raw.charAt(i + 2));
        i += 2;
        if (value == 0) {
          return new Rejected("the path contains an encoded NUL");
        }
        if (value == '/' || value == '\\') {
          if (!keepEncodedSlashes) {
            return new Rejected("the path contains an encoded '" + (char) value + "'");
          }
          appendEncoded(decoded, value);
        } else if (isUnreserved(value)) {
          decoded.append((char) value);
        } else {
          appendEncoded(decoded, value);
        }
      } else if (c == '\\') {
        return new Rejected("the path contains a backslash");
      } else if (c < 0x21 || c > 0x7e) {
        return new Rejected("the path contains a character that must be percent-encoded");
      } else if (!isPathChar(c)) {
        // Printable but not allowed raw in a path ('#', '"', '{' ...): servers disagree on them
        // (some cut the path at '#'), so the upstream gets them encoded.
        appendEncoded(decoded, c);
      } else {
        decoded.append(c);
      }
    }
    return removeDotSegments(decoded);
  }

  /** One scan for the common case: nothing to decode, merge or resolve. */
  private static boolean isAlreadyNormal(String path) {
    char previous = 0;
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '%' || c < 0x21 || c > 0x7e || c == ';' || !isPathChar(c)) return false;
      if (c == '/' && previous == '/') return false;
      if (c == '.' && previous == '/') return false;
      previous = c;
    }
    return true;
  }

  private static Result removeDotSegments(CharSequence path) {
    // Segments are kept as offsets into an output builder so that ".." can pop the last one.
    StringBuilder out = new StringBuilder(path.length());
    int[] starts = new int[16];
    int depth = 0;
    int i = 0;
    int n = path.length();
    while (i < n) {
      // path.charAt(i) == '/' here; skip repeated slashes
      while (i < n && path.charAt(i) == '/') i++;
      int end = i;
      while (end < n && path.charAt(end) != '/') end++;
      String segment = path.subSequence(i, end).toString();
      boolean last = end >= n;
      String bare = segment.indexOf(';') >= 0 ? segment.substring(0, segment.indexOf(';')) : segment;
      if ((bare.equals(".") || bare.equals("..")) && !bare.equals(segment)) {
        return new Rejected("the path contains a dot segment with parameters");
      }
      if (segment.equals(".")) {
        if (last) out.append('/');
      } else if (segment.equals("..")) {
        if (depth > 0) {
          depth--;
          out.setLength(starts[depth]);
        }
        if (last) out.append('/');
      } else if (segment.isEmpty()) {
        if (last) out.append('/');
      } else {
        if (depth == starts.length) starts = java.util.Arrays.copyOf(starts, depth * 2);
        starts[depth++] = out.length();
        out.append('/').append(segment);
      }
      i = end;
    }
    if (out.isEmpty()) out.append('/');
    return new Normalized(out.toString());
  }

  /** RFC 3986 pchar and '/', less '%' handled as escapes: what a path may carry without encoding. */
  private static boolean isPathChar(char c) {
    if (isUnreserved(c)) return true;
    return switch (c) {
      case '/', '!', '$', '&', '\'', '(', ')', '*', '+', ',', ';', '=', ':', '@' -> true;
      default -> false;
    };
  }

  private static boolean isUnreserved(int c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
        || c == '-' || c == '.' || c == '_' || c == '~';
  }

  private static void appendEncoded(StringBuilder sb, int value) {
    sb.append('%').append(Character.toUpperCase(Character.forDigit(value >> 4, 16)))
        .append(Character.toUpperCase(Character.forDigit(value & 0xf, 16)));
  }

  private static int hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }
}
