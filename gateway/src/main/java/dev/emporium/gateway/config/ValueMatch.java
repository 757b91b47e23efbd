package dev.emporium.gateway.config;

/**
 * A predicate on a named header or query parameter. Exactly one of {@code value}, {@code regex} or
 * {@code present} is given.
 *
 * @param name header name (case-insensitive) or query parameter name (case-sensitive)
 * @param value the exact value required
 * @param regex a regular expression the whole value must match
 * @param present true: must be present, any value; false: must be absent
 */
public record ValueMatch(String name, String value, String regex, Boolean present) {}
