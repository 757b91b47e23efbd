package dev.emporium.gateway.upstream.balance;

/**
 * XXH64 of a string's UTF-16LE bytes, computed from its chars without encoding them first, so that
 * hashing a request's affinity key allocates nothing. The result equals the reference XXH64 of
 * {@code s.getBytes(UTF_16LE)}; every gateway instance therefore maps a key to the same point.
 */
final class XxHash64 {

  private static final long P1 = 0x9E3779B185EBCA87L;
  private static final long P2 = 0xC2B2AE3D27D4EB4FL;
  private static final long P3 = 0x165667B19E3779F9L;
  private static final long P4 = 0x85EBCA77C2B2AE63L;
  private static final long P5 = 0x27D4EB2F165667C5L;

  private XxHash64() {}

  static long hash(CharSequence s, long seed) {
    int len = s.length();
    int i = 0;
    long h;
    if (len >= 16) {
      long v1 = seed + P1 + P2;
      long v2 = seed + P2;
      long v3 = seed;
      long v4 = seed - P1;
      do {
        v1 = round(v1, lane(s, i));
        v2 = round(v2, lane(s, i + 4));
        v3 = round(v3, lane(s, i + 8));
        v4 = round(v4, lane(s, i + 12));
        i += 16;
      } while (i <= len - 16);
      h = Long.rotateLeft(v1, 1) + Long.rotateLeft(v2, 7) + Long.rotateLeft(v3, 12) + Long.rotateLeft(v4, 18);
      h = merge(h, v1);
      h = merge(h, v2);
      h = merge(h, v3);
      h = merge(h, v4);
    } else {
      h = seed + P5;
    }
    h += 2L * len;
    for (; i + 4 <= len; i += 4) {
      h ^= round(0, lane(s, i));
      h = Long.rotateLeft(h, 27) * P1 + P4;
    }
    if (i + 2 <= len) {
      long k = (s.charAt(i) | (long) s.charAt(i + 1) << 16) & 0xFFFFFFFFL;
      h ^= k * P1;
      h = Long.rotateLeft(h, 23) * P2 + P3;
      i += 2;
    }
    if (i < len) {
      char c = s.charAt(i);
      h ^= (c & 0xFF) * P5;
      h = Long.rotateLeft(h, 11) * P1;
      h ^= ((c >>> 8) & 0xFF) * P5;
      h = Long.rotateLeft(h, 11) * P1;
    }
    h ^= h >>> 33;
    h *= P2;
    h ^= h >>> 29;
    h *= P3;
    h ^= h >>> 32;
    return h;
  }

  /** A hash as a number in [0, 1), uniformly spread. */
  static double unit(long hash) {
    return (hash >>> 11) * 0x1.0p-53;
  }

  /** Four chars as the little-endian long their eight UTF-16LE bytes make. */
  private static long lane(CharSequence s, int i) {
    return s.charAt(i) | (long) s.charAt(i + 1) << 16 | (long) s.charAt(i + 2) << 32 | (long) s.charAt(i + 3) << 48;
  }

  private static long round(long acc, long input) {
    acc += input * P2;
    acc = Long.rotateLeft(acc, 31);
    return acc * P1;
  }

  private static long merge(long acc, long v) {
    acc ^= round(0, v);
    return acc * P1 + P4;
  }
}
