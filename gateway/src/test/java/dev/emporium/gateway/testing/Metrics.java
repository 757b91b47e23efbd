package dev.emporium.gateway.testing;

import java.util.ArrayList;
import java.util.List;

/** Reads samples out of a Prometheus text scrape. */
public final class Metrics {

  private Metrics() {}

  /**
   * The value of the sample named {@code name} whose labels include every {@code label="value"}
   * given, or NaN when there is none.
   *
   * @param labels alternating label names and values
   */
  public static double value(String scrape, String name, String... labels) {
    List<String> wanted = new ArrayList<>();
    for (int i = 0; i + 1 < labels.length; i += 2) wanted.add(labels[i] + "=\"" + labels[i + 1] + "\"");
    for (String line : scrape.split("\n")) {
      if (line.startsWith("#")) continue;
      int space = line.lastIndexOf(' ');
      if (space < 0) continue;
      String series = line.substring(0, space);
      String bare = series.contains("{") ? series.substring(0, series.indexOf('{')) : series;
      if (!bare.equals(name)) continue;
      if (wanted.stream().allMatch(series::contains)) return Double.parseDouble(line.substring(space + 1));
    }
    return Double.NaN;
  }

  /** The scrape of a harnessed gateway's admin port. */
  public static String scrape(GatewayHarness gateway) {
    return gateway.admin("GET", "/metrics", false).body();
  }
}
