package dev.emporium.user.api;

import dev.emporium.user.UserProperties;
import dev.emporium.user.account.User;
import dev.emporium.user.account.UserAccounts;
import dev.emporium.user.token.AuthorizationCodes;
import dev.emporium.user.token.AuthorizationError;
import dev.emporium.user.token.AuthorizationRequest;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The OAuth 2.0 authorization endpoint (RFC 6749 §3.1) for web clients: the GET shows the sign-in
 * page for a checked authorization request; the page's POST signs the user in and sends the
 * browser back to the client with a code (303, so the credentials are not posted again: RFC 9700
 * §4.12). There is no session: every authorization asks for the password. Pages are never cached
 * and never framed (clickjacking).
 */
@RestController
@RequestMapping("/api/auth/authorize")
class AuthorizeController {

  private static final String PAGE_POLICY =
      "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'";

  private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

  private final UserProperties properties;
  private final UserAccounts accounts;
  private final AuthorizationCodes codes;

  AuthorizeController(UserProperties properties, UserAccounts accounts, AuthorizationCodes codes) {
    this.properties = properties;
    this.accounts = accounts;
    this.codes = codes;
  }

  @GetMapping
  @Operation(summary = "Authorization endpoint: the sign-in page for response_type=code with PKCE (S256)")
  ResponseEntity<String> show(@RequestParam MultiValueMap<String, String> query) {
    AuthorizationRequest request = AuthorizationRequest.parse(query, properties);
    return page(HttpStatus.OK, request, null, null);
  }

  @PostMapping(consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
  @Operation(summary = "The sign-in page's form: redirects to the client with a code, or shows the page again")
  ResponseEntity<String> signIn(@RequestParam MultiValueMap<String, String> form) {
    AuthorizationRequest request = AuthorizationRequest.parse(form, properties);
    SignInForm credentials = SignInForm.of(form);
    if (credentials.problem() != null) {
      return page(HttpStatus.BAD_REQUEST, request, credentials.email(), credentials.problem());
    }
    Optional<User> user = accounts.authenticate(credentials.email(), credentials.password());
    if (user.isEmpty()) {
      return page(HttpStatus.UNAUTHORIZED, request, credentials.email(), "The email or the password is wrong.");
    }
    return redirect(HttpStatus.SEE_OTHER, codes.issue(request, user.get()));
  }

  /** A request the client got wrong goes back to its redirect URI: 302 from the GET, 303 from the POST. */
  @ExceptionHandler(AuthorizationError.class)
  ResponseEntity<String> backToClient(AuthorizationError error, HttpServletRequest http) {
    HttpStatus status = "POST".equals(http.getMethod()) ? HttpStatus.SEE_OTHER : HttpStatus.FOUND;
    return redirect(status, error.location(properties.issuer()));
  }

  private static ResponseEntity<String> page(HttpStatus status, AuthorizationRequest request,
      @Nullable String email, @Nullable String error) {
    return ResponseEntity.status(status).contentType(HTML)
        .cacheControl(CacheControl.noStore()).header(HttpHeaders.PRAGMA, "no-cache")
        .header("X-Frame-Options", "DENY").header("Content-Security-Policy", PAGE_POLICY)
        .header("Referrer-Policy", "no-referrer").header("X-Content-Type-Options", "nosniff")
        .body(SignInPage.render(request, email, error));
  }

  private static ResponseEntity<String> redirect(HttpStatus status, String location) {
    return ResponseEntity.status(status).header(HttpHeaders.LOCATION, location).cacheControl(CacheControl.noStore())
        .header("Referrer-Policy", "no-referrer").build();
  }
}
