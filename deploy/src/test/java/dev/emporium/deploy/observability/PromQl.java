package dev.emporium.deploy.observability;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Just enough of PromQL to find the metric names an expression reads (promtool checks the syntax):
 * strings, label matchers, ranges and grouping lists are removed, and what is left that looks like
 * a name and is neither a function call nor a keyword is a metric.
 */
final class PromQl {

  private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
  private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
  private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");
  private static final Pattern GROUPING = Pattern.compile(
      "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
  private static final Pattern NAME = Pattern.compile("(?<![\\w:.])([a-zA-Z_:][a-zA-Z0-9_:]*)\\b(?!\\s*\\()");
  private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on",
      "ignoring", "group_left", "group_right", "inf", "nan", "Inf", "NaN");
  private static final Pattern GRAFANA_VARIABLE = Pattern.compile("\\$\\{?([a-zA-Z_][a-zA-Z0-9_]*)(?::[a-z]+)?}?");

  private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*\\{([^}]*)}");
  private static final Pattern MATCHER = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

  /** A label matcher of a selector: {@code metric{label op "value"}}. */
  record Matcher(String metric, String label, String op, String value) {}

  private PromQl() {}

  /** The label matchers of every selector in {@code expr} that names its metric. */
  static java.util.List<Matcher> matchers(String expr) {
    java.util.List<Matcher> out = new java.util.ArrayList<>();
    java.util.regex.Matcher selector = SELECTOR.matcher(expr);
    while (selector.find()) {
      java.util.regex.Matcher m = MATCHER.matcher(selector.group(2));
      while (m.find()) out.add(new Matcher(selector.group(1), m.group(1), m.group(2), m.group(3)));
    }
    return out;
  }

  static Set<String> metricNames(String expr) {
    String rest = STRING.matcher(expr).replaceAll(" ");
    rest = MATCHERS.matcher(rest).replaceAll(" ");
    rest = RANGE.matcher(rest).replaceAll(" ");
    rest = GROUPING.matcher(rest).replaceAll(" ");
    Set<String> names = new TreeSet<>();
    java.util.regex.Matcher m = NAME.matcher(rest);
    while (m.find()) {
      String name = m.group(1);
      if (!KEYWORDS.contains(name)) names.add(name);
    }
    return names;
  }

  /**
   * A Grafana panel query as Prometheus would receive it: Grafana's interval variables become
   * durations, dashboard variables (used only inside label matchers) match anything.
   */
  static String fromGrafana(String expr) {
    String out = expr.replace("$__rate_interval", "5m").replace("${__rate_interval}", "5m")
        .replace("$__interval", "1m").replace("${__interval}", "1m")
        .replace("$__range", "1h").replace("${__range}", "1h");
    return GRAFANA_VARIABLE.matcher(out).replaceAll(".*");
  }
}
