package dev.emporium.gateway.config;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:-default}} in configuration text with environment
 * values, so that secrets such as the admin token stay out of files. Works line by line so that
 * line numbers in later messages still match the file.
 */
final class EnvironmentSubstitution {

  private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?}");

  private EnvironmentSubstitution() {}

  static String apply(String text, Function<String, String> environment, String fileName, List<ConfigProblem> problems) {
    String[] lines = text.split("\n", -1);
    List<String> out = new ArrayList<>(lines.length);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.stripLeading().startsWith("#")) {
        out.add(line);
        continue;
      }
      Matcher m = REFERENCE.matcher(line);
      StringBuilder sb = new StringBuilder();
      while (m.find()) {
        String value = environment.apply(m.group(1));
        if (value == null) value = m.group(3);
        if (value == null) {
          problems.add(new ConfigProblem(fileName, i + 1, "",
              "environment variable " + m.group(1) + " is not set and has no default (write ${"
                  + m.group(1) + ":-default})"));
          value = "";
        }
        m.appendReplacement(sb, Matcher.quoteReplacement(value));
      }
      m.appendTail(sb);
      out.add(sb.toString());
    }
    return String.join("\n", out);
  }
}
