package dev.emporium.platform.service.identity;

import dev.emporium.platform.service.problem.ProblemException;
import dev.emporium.platform.service.problem.ProblemType;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * The access rules services share, each failing with the problem a client should see:
 * 401 when nobody is signed in, 403 when the caller lacks a role, and 404 (not 403) when the
 * caller asks for someone else's resource, so that its existence is not revealed.
 */
public final class Access {

  private Access() {}

  /** 401 unless someone is signed in. */
  public static void requireAuthenticated(Caller caller) {
    if (!caller.isAuthenticated()) {
      throw unauthenticated();
    }
  }

  /** 401 when anonymous, 403 unless the caller is an admin. */
  public static void requireAdmin(Caller caller) {
    requireRole(caller, Caller.ADMIN);
  }

  /** 401 when anonymous, 403 unless the caller has {@code role}. */
  public static void requireRole(Caller caller, String role) {
    requireAuthenticated(caller);
    if (!caller.hasRole(role)) {
      throw new ProblemException(HttpStatus.FORBIDDEN, ProblemType.FORBIDDEN,
          "This operation needs the '" + role + "' role.");
    }
  }

  /**
   * 401 when anonymous; 404 naming {@code what} (e.g. "order 42") unless the caller owns it or is
   * an admin.
   */
  public static void requireOwnerOrAdmin(Caller caller, @Nullable String ownerId, String what) {
    requireAuthenticated(caller);
    if (!caller.isAdmin() && !caller.is(ownerId)) {
      throw ProblemException.notFound(what);
    }
  }

  private static ProblemException unauthenticated() {
    HttpHeaders headers = new HttpHeaders();
    headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    return new ProblemException(HttpStatus.UNAUTHORIZED, ProblemType.UNAUTHENTICATED,
        "Sign in to do this: the request carried no user identity.", Map.of(), headers);
  }
}
