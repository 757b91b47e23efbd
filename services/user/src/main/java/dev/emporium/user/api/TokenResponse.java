package dev.emporium.user.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.emporium.user.token.TokenGrant;
import org.jspecify.annotations.Nullable;

/** A successful token response (RFC 6749 §5.1), for the login and the token endpoint alike. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenResponse(
    @JsonProperty("access_token") String accessToken,
    @JsonProperty("refresh_token") @Nullable String refreshToken,
    @JsonProperty("token_type") String tokenType,
    @JsonProperty("expires_in") long expiresIn,
    @JsonProperty("scope") String scope,
    @JsonProperty("id_token") @Nullable String idToken) {

  static TokenResponse of(TokenGrant grant) {
    return new TokenResponse(grant.accessToken(), grant.refreshToken(), "Bearer", grant.expiresIn().toSeconds(),
        String.join(" ", grant.scopes()), grant.idToken());
  }
}
