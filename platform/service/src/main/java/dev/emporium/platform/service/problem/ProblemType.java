package dev.emporium.platform.service.problem;

import java.net.URI;

/**
 * The kinds of problem every service reports, each with a stable type URI that clients may switch
 * on and a fixed title. The URIs are names (URNs), not pages: docs/services.md describes each one.
 */
public enum ProblemType {
  BAD_REQUEST("bad-request", "Bad request"),
  VALIDATION("validation", "Invalid request"),
  MALFORMED_BODY("malformed-body", "Malformed request body"),
  UNAUTHENTICATED("unauthenticated", "Authentication required"),
  FORBIDDEN("forbidden", "Forbidden"),
  NOT_FOUND("not-found", "Not found"),
  NO_ROUTE("no-route", "No such resource"),
  METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed"),
  NOT_ACCEPTABLE("not-acceptable", "Not acceptable"),
  UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type"),
  CONFLICT("conflict", "Conflict"),
  PRECONDITION_FAILED("precondition-failed", "Precondition failed"),
  UNAVAILABLE("unavailable", "Service unavailable"),
  INTERNAL("internal", "Internal error"),
  HTTP("http", "HTTP error");

  private final URI uri;
  private final String title;

  ProblemType(String slug, String title) {
    this.uri = URI.create("urn:emporium:problem:" + slug);
    this.title = title;
  }

  public URI uri() {
    return uri;
  }

  public String title() {
    return title;
  }

  /** The type the platform uses for a status that no more specific handler claimed. */
  static ProblemType forStatus(int status) {
    return switch (status) {
      case 400 -> BAD_REQUEST;
      case 401 -> UNAUTHENTICATED;
      case 403 -> FORBIDDEN;
      case 404 -> NO_ROUTE;
      case 405 -> METHOD_NOT_ALLOWED;
      case 406 -> NOT_ACCEPTABLE;
      case 409 -> CONFLICT;
      case 412 -> PRECONDITION_FAILED;
      case 415 -> UNSUPPORTED_MEDIA_TYPE;
      case 503 -> UNAVAILABLE;
      default -> status >= 500 ? INTERNAL : HTTP;
    };
  }
}
