package dev.emporium.gateway.edge;

import io.netty.util.NetUtil;
import java.util.Arrays;

/** An IPv4 or IPv6 address range such as {@code 10.0.0.0/8} or {@code fd00::/8}; a bare address is /32 or /128. */
public record Cidr(byte[] network, int prefixLength, String text) {

  public static Cidr parse(String text) {
    String s = text.trim();
    int slash = s.indexOf('/');
    String addressText = slash < 0 ? s : s.substring(0, slash);
    byte[] address = parseAddress(addressText);
    if (address == null) throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR range");
    // An IPv4-mapped IPv6 range (::ffff:10.0.0.0/104) is held as the IPv4 range it maps.
    boolean mapped = address.length == 4 && addressText.indexOf(':') >= 0;
    int bits = mapped ? 128 : address.length * 8;
    int prefix = bits;
    if (slash >= 0) {
      try {
        prefix = Integer.parseInt(s.substring(slash + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("'" + text + "' has no valid prefix length");
      }
      int lowest = mapped ? 96 : 0;
      if (prefix < lowest || prefix > bits) {
        throw new IllegalArgumentException("'" + text + "': prefix length must be " + lowest + "-" + bits);
      }
    }
    if (mapped) prefix -= 96;
    return new Cidr(mask(address, prefix), prefix, s);
  }

  /** Parses an IP literal without ever resolving a name; null when the text is not one. */
  public static byte[] parseAddress(String text) {
    if (text == null || text.isEmpty()) return null;
    String s = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
    int zone = s.indexOf('%');
    if (zone >= 0) s = s.substring(0, zone);
    byte[] bytes = NetUtil.createByteArrayFromIpAddressString(s);
    if (bytes != null && bytes.length == 16 && isIpv4Mapped(bytes)) return Arrays.copyOfRange(bytes, 12, 16);
    return bytes;
  }

  public boolean contains(byte[] address) {
    if (address == null || address.length != network.length) return false;
    return Arrays.equals(mask(address, prefixLength), network);
  }

  private static boolean isIpv4Mapped(byte[] b) {
    for (int i = 0; i < 10; i++) if (b[i] != 0) return false;
    return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
  }

  private static byte[] mask(byte[] address, int prefix) {
    byte[] out = address.clone();
    for (int i = 0; i < out.length; i++) {
      int keep = Math.max(0, Math.min(8, prefix - i * 8));
      out[i] = (byte) (out[i] & (0xff << (8 - keep)));
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Cidr c && c.prefixLength == prefixLength && Arrays.equals(c.network, network);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(network) * 31 + prefixLength;
  }

  @Override
  public String toString() {
    return text;
  }
}
