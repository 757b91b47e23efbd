package dev.emporium.gateway.policy.traffic;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A request that goes to a given cluster whatever the weights say: a header or a cookie whose value
 * equals {@code value}, matches {@code regex} (the whole value), or is merely present.
 *
 * @param header the request header to test (case-insensitive name); or
 * @param cookie the cookie to test
 * @param value the exact value required; or
 * @param regex a regular expression the whole value must match; or
 * @param present true: the header or cookie must be there, whatever its value
 * @param cluster where a matching request goes
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SplitRule(String header, String cookie, String value, String regex, Boolean present, String cluster) {

  /** Longest regular expression accepted: rules run on every request of the route. */
  static final int MAX_REGEX_LENGTH = 1000;

  public SplitRule {
    if (Boolean.FALSE.equals(present)) present = null;
  }

  /**
   * Checks the rule; called by {@link TrafficSplitConfig}, which knows the rule's place.
   *
   * @param field where the rule is, e.g. {@code rules[2]}
   */
  void check(String field) {
    if ((header == null) == (cookie == null)) throw new SplitConfigException(field, "give exactly one of header or cookie");
    if (header != null && header.isBlank()) throw new SplitConfigException(field + ".header", "must not be blank");
    if (cookie != null && cookie.isBlank()) throw new SplitConfigException(field + ".cookie", "must not be blank");
    int given = (value != null ? 1 : 0) + (regex != null ? 1 : 0) + (present != null ? 1 : 0);
    if (given != 1) throw new SplitConfigException(field, "give exactly one of value, regex or present: true");
    if (regex != null) {
      if (regex.length() > MAX_REGEX_LENGTH) {
        throw new SplitConfigException(field + ".regex", "longer than " + MAX_REGEX_LENGTH + " characters");
      }
      try {
        Pattern.compile(regex);
      } catch (PatternSyntaxException e) {
        throw new SplitConfigException(field + ".regex", "not a valid regular expression: " + e.getDescription());
      }
    }
    if (cluster == null || cluster.isBlank()) throw new SplitConfigException(field + ".cluster", "a rule needs a cluster");
  }
}
