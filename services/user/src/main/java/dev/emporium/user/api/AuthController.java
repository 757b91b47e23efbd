package dev.emporium.user.api;

import dev.emporium.user.token.OAuthErrors;
import dev.emporium.user.token.TokenGrant;
import dev.emporium.user.token.TokenIssuer;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sign-in (JSON) and the OAuth 2.0 token endpoint (form-encoded, RFC 6749). Token responses are
 * never cached ({@code Cache-Control: no-store}, RFC 6749 §5.1).
 */
@RestController
@RequestMapping("/api/auth")
class AuthController {

  private final TokenIssuer issuer;

  AuthController(TokenIssuer issuer) {
    this.issuer = issuer;
  }

  @PostMapping("/login")
  @Operation(summary = "Sign in with email and password: an access token and a refresh token; 401 otherwise")
  ResponseEntity<TokenResponse> login(@Valid @RequestBody LoginRequest request) {
    return tokens(issuer.login(request.email(), request.password()));
  }

  @PostMapping(path = "/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
  @Operation(summary = "OAuth 2.0 token endpoint: grant_type authorization_code, refresh_token or client_credentials")
  ResponseEntity<TokenResponse> token(
      @RequestParam("grant_type") @NotBlank @Size(max = 64) String grantType,
      @RequestParam(name = "code", required = false) @Size(max = 256) @Nullable String code,
      @RequestParam(name = "redirect_uri", required = false) @Size(max = 2000) @Nullable String redirectUri,
      @RequestParam(name = "code_verifier", required = false) @Size(max = 128) @Nullable String codeVerifier,
      @RequestParam(name = "refresh_token", required = false) @Size(max = 256) @Nullable String refreshToken,
      @RequestParam(name = "scope", required = false) @Size(max = 1000) @Nullable String scope,
      @RequestParam(name = "client_id", required = false) @Size(max = 64) @Nullable String clientId,
      @RequestParam(name = "client_secret", required = false) @Size(max = 256) @Nullable String clientSecret,
      @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Size(max = 1024) @Nullable String authorization) {
    return switch (grantType) {
      case "authorization_code" -> {
        String verifier = required(codeVerifier, "code_verifier", grantType);
        String givenCode = required(code, "code", grantType);
        String redirect = required(redirectUri, "redirect_uri", grantType);
        ClientAuthentication client = ClientAuthentication.fromWebClient(authorization, clientId, clientSecret);
        yield tokens(issuer.authorizationCode(client.clientId(), client.clientSecret(), givenCode, redirect, verifier));
      }
      case "refresh_token" -> {
        if (refreshToken == null || refreshToken.isBlank()) {
          throw OAuthErrors.invalidRequest("refresh_token is required for grant_type refresh_token");
        }
        yield tokens(issuer.refresh(refreshToken));
      }
      case "client_credentials" -> {
        ClientAuthentication client = ClientAuthentication.from(authorization, clientId, clientSecret);
        yield tokens(issuer.clientCredentials(client.clientId(), client.clientSecret(), scope));
      }
      default -> throw OAuthErrors.unsupportedGrantType(grantType);
    };
  }

  private static String required(@Nullable String value, String name, String grantType) {
    if (value == null || value.isBlank()) {
      throw OAuthErrors.invalidRequest(name + " is required for grant_type " + grantType);
    }
    return value;
  }

  private static ResponseEntity<TokenResponse> tokens(TokenGrant grant) {
    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).header(HttpHeaders.PRAGMA, "no-cache")
        .body(TokenResponse.of(grant));
  }
}
