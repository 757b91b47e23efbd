package dev.emporium.gateway.edge;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids: a client's own id is kept when it is a sane token (so a trace across systems stays
 * joined), otherwise a random 128-bit hex id is made.
 */
public final class RequestIds {

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private RequestIds() {}

  public static String resolve(String fromClient) {
    return isAcceptable(fromClient) ? fromClient : generate();
  }

  public static String generate() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    char[] out = new char[32];
    long hi = random.nextLong();
    long lo = random.nextLong();
    for (int i = 0; i < 16; i++) {
      out[i] = HEX[(int) (hi >>> (60 - 4 * i)) & 0xf];
      out[16 + i] = HEX[(int) (lo >>> (60 - 4 * i)) & 0xf];
    }
    return new String(out);
  }

  static boolean isAcceptable(String id) {
    if (id == null || id.isEmpty() || id.length() > 128) return false;
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_' || c == '.' || c == ':';
      if (!ok) return false;
    }
    return true;
  }
}
