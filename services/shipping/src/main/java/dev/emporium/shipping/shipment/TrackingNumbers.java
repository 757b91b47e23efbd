package dev.emporium.shipping.shipment;

/**
 * Carrier-style tracking numbers: a prefix, nine digits and a check digit, e.g. {@code EMP4718220090}.
 *
 * <p>The nine digits come from a database sequence (unique by construction, never a retry on
 * collision), scrambled by an affine bijection modulo 10<sup>9</sup> so that consecutive shipments
 * do not get consecutive numbers and a tracking number does not reveal how many parcels were sent.
 * The check digit is Luhn's (mod 10), which catches every single wrong digit and most swaps of
 * neighbours when a number is typed in.
 */
public final class TrackingNumbers {

  /** The largest serial the sequence may give: the body has nine digits. */
  public static final long MAX_SERIAL = 999_999_999L;
  private static final long MODULUS = 1_000_000_000L;
  /** 3^18: coprime with 10^9, so multiplying by it permutes the serials. */
  private static final long MULTIPLIER = 387_420_489L;
  private static final long OFFSET = 271_828_182L;

  private TrackingNumbers() {}

  /** The tracking number of the {@code serial}-th shipment (1 ≤ serial ≤ {@value #MAX_SERIAL}). */
  public static String format(String prefix, long serial) {
    if (serial < 1 || serial > MAX_SERIAL) {
      throw new IllegalArgumentException("serial " + serial + " is outside 1.." + MAX_SERIAL);
    }
    long body = Math.floorMod(serial * MULTIPLIER + OFFSET, MODULUS); // < 10^18: no overflow
    String digits = String.format("%09d", body);
    return prefix + digits + checkDigit(digits);
  }

  /** Whether {@code number} is {@code prefix}, nine digits and their correct check digit. */
  public static boolean isValid(String prefix, String number) {
    if (number == null || !number.startsWith(prefix) || number.length() != prefix.length() + 10) {
      return false;
    }
    String digits = number.substring(prefix.length());
    if (!digits.chars().allMatch(Character::isDigit)) {
      return false;
    }
    return checkDigit(digits.substring(0, 9)) == digits.charAt(9) - '0';
  }

  static int checkDigit(String digits) {
    int sum = 0;
    boolean twice = true; // the rightmost digit of the payload is doubled, as the check digit will follow it
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (twice) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      twice = !twice;
    }
    return (10 - sum % 10) % 10;
  }
}
