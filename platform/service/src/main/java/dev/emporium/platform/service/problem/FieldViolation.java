package dev.emporium.platform.service.problem;

import jakarta.validation.ConstraintViolation;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One broken rule in a request, as a validation problem lists it under {@code errors}: the field
 * (a JSON path such as {@code price.amount}, or a query parameter name), the message with its
 * limit, the constraint's name and its limits as values ({@code {"max": 200}}). The rejected value
 * is never echoed: it may be a password.
 */
public record FieldViolation(String field, String message, @Nullable String constraint, Map<String, Object> limits) {

  private static final Set<String> NOT_LIMITS = Set.of("message", "groups", "payload");

  static FieldViolation of(String field, @Nullable String message, @Nullable String code,
      @Nullable ConstraintViolation<?> violation) {
    Map<String, Object> limits = new TreeMap<>();
    String constraint = code;
    if (violation != null) {
      var descriptor = violation.getConstraintDescriptor();
      constraint = descriptor.getAnnotation().annotationType().getSimpleName();
      descriptor.getAttributes().forEach((name, value) -> {
        if (!NOT_LIMITS.contains(name)) {
          limits.put(name, value instanceof Enum<?> e ? e.name() : value);
        }
      });
    }
    return new FieldViolation(field, message == null ? "is invalid" : message, constraint, Map.copyOf(limits));
  }
}
