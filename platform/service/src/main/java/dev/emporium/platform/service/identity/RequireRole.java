package dev.emporium.platform.service.identity;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Restricts a controller method (or every method of a controller) to callers with a role: 401 for
 * an anonymous caller, 403 for one without the role. It is checked before the request body is read,
 * so that an unauthorised caller learns nothing from validation errors.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RequireRole {

  /** The role, e.g. {@link Caller#ADMIN}. */
  String value();
}
