package dev.emporium.user.api;

import dev.emporium.user.UserProperties;
import dev.emporium.user.token.SigningKeys;
import io.swagger.v3.oas.annotations.Operation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What verifiers and OAuth clients discover: the public signing keys (RFC 7517), and the issuer's
 * metadata (OpenID Connect Discovery / RFC 8414). The JWKS may be cached for the key check
 * interval: a new key signs at most that long before every instance has it.
 */
@RestController
class WellKnownController {

  private final SigningKeys keys;
  private final UserProperties properties;
  private final CacheControl jwksCaching;

  WellKnownController(SigningKeys keys, UserProperties properties) {
    this.keys = keys;
    this.properties = properties;
    this.jwksCaching = CacheControl.maxAge(properties.keys().checkInterval()).cachePublic();
  }

  @GetMapping(path = "/.well-known/jwks.json", produces = "application/jwk-set+json")
  @Operation(summary = "The public keys that verify access tokens, including retired keys whose tokens live on")
  ResponseEntity<Map<String, Object>> jwks() {
    return ResponseEntity.ok().cacheControl(jwksCaching).body(keys.published().toJSONObject(true));
  }

  @GetMapping("/.well-known/openid-configuration")
  @Operation(summary = "The issuer's metadata: its endpoints, grants and signing algorithm")
  Map<String, Object> openidConfiguration() {
    String issuer = properties.issuer();
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("issuer", issuer);
    metadata.put("jwks_uri", issuer + "/.well-known/jwks.json");
    metadata.put("authorization_endpoint", issuer + "/api/auth/authorize");
    metadata.put("token_endpoint", issuer + "/api/auth/token");
    metadata.put("grant_types_supported", List.of("authorization_code", "refresh_token", "client_credentials"));
    metadata.put("token_endpoint_auth_methods_supported",
        List.of("client_secret_basic", "client_secret_post", "none"));
    metadata.put("response_types_supported", List.of("code"));
    metadata.put("response_modes_supported", List.of("query"));
    metadata.put("code_challenge_methods_supported", List.of("S256"));
    metadata.put("authorization_response_iss_parameter_supported", true);
    metadata.put("subject_types_supported", List.of("public"));
    metadata.put("id_token_signing_alg_values_supported", List.of("RS256"));
    metadata.put("scopes_supported", properties.userScopes());
    metadata.put("claims_supported",
        List.of("iss", "sub", "aud", "exp", "iat", "nbf", "jti", "roles", "scope", "azp", "auth_time", "nonce"));
    return metadata;
  }
}
