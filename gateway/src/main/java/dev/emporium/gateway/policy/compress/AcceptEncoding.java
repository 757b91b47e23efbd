package dev.emporium.gateway.policy.compress;

import java.util.List;
import java.util.Locale;

/** Picks a content coding from a request's {@code Accept-Encoding} (RFC 9110 §12.5.3). */
final class AcceptEncoding {

  private AcceptEncoding() {}

  /**
   * The offered encoding the client accepts with the highest weight, ties going to the earlier
   * offer; null when it accepts none (no header, {@code identity} only, or q=0 for each).
   */
  static String choose(List<String> fields, List<String> offered) {
    if (fields.isEmpty()) return null;
    double[] weights = new double[offered.size()];
    java.util.Arrays.fill(weights, -1);
    double wildcard = -1;
    for (String field : fields) {
      for (String part : field.split(",")) {
        String[] pieces = part.split(";");
        String coding = pieces[0].trim().toLowerCase(Locale.ROOT);
        if (coding.isEmpty()) continue;
        double q = 1;
        for (int i = 1; i < pieces.length; i++) {
          String p = pieces[i].trim();
          if (p.length() > 2 && (p.startsWith("q=") || p.startsWith("Q="))) q = quality(p.substring(2));
        }
        if (coding.equals("x-gzip")) coding = "gzip";
        if (coding.equals("*")) {
          wildcard = q;
          continue;
        }
        int index = offered.indexOf(coding);
        if (index >= 0) weights[index] = q;
      }
    }
    String best = null;
    double bestWeight = 0;
    for (int i = 0; i < offered.size(); i++) {
      double w = weights[i] >= 0 ? weights[i] : wildcard;
      if (w > bestWeight) {
        best = offered.get(i);
        bestWeight = w;
      }
    }
    return best;
  }

  private static double quality(String text) {
    try {
      double q = Double.parseDouble(text.trim());
      return q < 0 || q > 1 || Double.isNaN(q) ? 0 : q;
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
