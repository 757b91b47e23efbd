package dev.emporium.deploy.observability;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The samples of a Prometheus text-format scrape: name, labels and value of each line. */
record Exposition(List<Sample> samples) {

  record Sample(String name, Map<String, String> labels, double value) {}

  static Exposition parse(String text) {
    List<Sample> samples = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) continue;
      samples.add(sample(line));
    }
    return new Exposition(List.copyOf(samples));
  }

  Set<String> names() {
    Set<String> names = new TreeSet<>();
    samples.forEach(s -> names.add(s.name()));
    return names;
  }

  /** Whether some sample of {@code name} carries every label of {@code labels} with that value. */
  boolean has(String name, Map<String, String> labels) {
    return samples.stream().anyMatch(s -> s.name().equals(name)
        && labels.entrySet().stream().allMatch(e -> e.getValue().equals(s.labels().get(e.getKey()))));
  }

  /** The sum of the values of the samples {@link #has} would match. */
  double sum(String name, Map<String, String> labels) {
    return samples.stream().filter(s -> s.name().equals(name)
            && labels.entrySet().stream().allMatch(e -> e.getValue().equals(s.labels().get(e.getKey()))))
        .mapToDouble(Sample::value).sum();
  }

  private static double value(String text) {
    return switch (text) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(text);
    };
  }

  private static Sample sample(String line) {
    int brace = line.indexOf('{');
    int space = line.indexOf(' ');
    Map<String, String> labels = new LinkedHashMap<>();
    String name;
    int rest;
    if (brace >= 0 && (space < 0 || brace < space)) {
      name = line.substring(0, brace);
      int i = brace + 1;
      while (line.charAt(i) != '}') {
        int eq = line.indexOf('=', i);
        String key = line.substring(i, eq).strip();
        StringBuilder value = new StringBuilder();
        int j = eq + 2; // past ="
        while (line.charAt(j) != '"') {
          char c = line.charAt(j);
          if (c == '\\') {
            char next = line.charAt(++j);
            value.append(next == 'n' ? '\n' : next);
          } else {
            value.append(c);
          }
          j++;
        }
        labels.put(key, value.toString());
        i = j + 1;
        if (line.charAt(i) == ',') i++;
      }
      rest = i + 1;
    } else {
      name = line.substring(0, space);
      rest = space;
    }
    String[] tail = line.substring(rest).strip().split(" ");
    return new Sample(name, Map.copyOf(labels), value(tail[0]));
  }
}
