package dev.emporium.gateway.upstream.health;

/**
 * Status codes a health check accepts: a range {@code 200-399}, a code {@code 204}, or a list of
 * either {@code 200,204,300-302}. Immutable.
 */
public final class StatusRange {

  private final int[] low;
  private final int[] high;
  private final String text;

  private StatusRange(int[] low, int[] high, String text) {
    this.low = low;
    this.high = high;
    this.text = text;
  }

  public static StatusRange parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("a status list is needed, like 200-399 or 200,204");
    }
    String[] parts = text.split(",", -1);
    int[] low = new int[parts.length];
    int[] high = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i].trim();
      int dash = p.indexOf('-');
      try {
        low[i] = Integer.parseInt(dash < 0 ? p : p.substring(0, dash).trim());
        high[i] = dash < 0 ? low[i] : Integer.parseInt(p.substring(dash + 1).trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("'" + text + "' is not a status list like 200-399 or 200,204");
      }
      if (low[i] < 100 || high[i] > 599 || low[i] > high[i]) {
        throw new IllegalArgumentException("'" + text + "' must name status codes between 100 and 599, low to high");
      }
    }
    return new StatusRange(low, high, text.trim());
  }

  public boolean contains(int status) {
    for (int i = 0; i < low.length; i++) {
      if (status >= low[i] && status <= high[i]) return true;
    }
    return false;
  }

  @Override
  public String toString() {
    return text;
  }
}
