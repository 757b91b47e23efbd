package dev.emporium.user.token;

import dev.emporium.user.UserProperties;
import dev.emporium.user.UserProperties.WebClient;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.util.MultiValueMap;

/**
 * A checked authorization request (RFC 6749 §4.1.1 with PKCE, RFC 7636 §4.3). Checking runs in
 * the RFC's two steps: while the client and its redirect URI are in doubt an error goes to the
 * browser as a problem, never to an address nobody registered (§4.1.2.1); after that, errors go
 * back to the client's redirect URI as {@link AuthorizationError}s.
 *
 * @param scopes what the client asked for, or everything it may ask for when it named nothing
 * @param state the client's value echoed back with the code, or null
 * @param nonce the client's value copied into the ID token, or null
 */
public record AuthorizationRequest(String clientId, WebClient client, String redirectUri, List<String> scopes,
    @Nullable String state, String codeChallenge, @Nullable String nonce) {

  /** Longest {@code redirect_uri}, {@code state}, {@code nonce} and {@code scope} accepted. */
  public static final int MAX_URI_LENGTH = 2000;
  public static final int MAX_VALUE_LENGTH = 1000;

  /** Checks a request's parameters, from the query of the GET or the form of the sign-in POST. */
  public static AuthorizationRequest parse(MultiValueMap<String, String> parameters, UserProperties properties) {
    Parameters p = new Parameters(parameters);
    String clientId = p.required("client_id", 64);
    WebClient client = properties.webClients().get(clientId);
    if (client == null) {
      throw OAuthErrors.unredirectable("client_id", "client_id '" + clientId + "' is not a registered web client");
    }
    String redirectUri = p.required("redirect_uri", MAX_URI_LENGTH);
    if (!client.allowsRedirectTo(redirectUri)) {
      throw OAuthErrors.unredirectable("redirect_uri",
          "redirect_uri is not one of client '" + clientId + "''s registered redirect URIs");
    }
    String state = p.optional("state", MAX_VALUE_LENGTH);

    Redirect back = new Redirect(redirectUri, state);
    String responseType = p.optionalOrBack("response_type", back);
    if (responseType == null) {
      throw back.error("invalid_request", "response_type is required");
    }
    if (!responseType.equals("code")) {
      throw back.error("unsupported_response_type", "response_type must be code");
    }
    String responseMode = p.optionalOrBack("response_mode", back);
    if (responseMode != null && !responseMode.equals("query")) {
      throw back.error("invalid_request", "response_mode must be query");
    }
    String challenge = p.optionalOrBack("code_challenge", back);
    if (challenge == null) {
      throw back.error("invalid_request", "code_challenge is required: every client uses PKCE (RFC 7636)");
    }
    if (!Pkce.METHOD.equals(p.optionalOrBack("code_challenge_method", back))) {
      throw back.error("invalid_request", "code_challenge_method must be S256");
    }
    if (!Pkce.isWellFormedChallenge(challenge)) {
      throw back.error("invalid_request", "code_challenge must be 43 base64url characters (an S256 digest)");
    }
    String prompt = p.optionalOrBack("prompt", back);
    if (prompt != null && Arrays.asList(prompt.split(" ")).contains("none")) {
      throw back.error("login_required", "the user must sign in: there is no session to reuse");
    }
    List<String> scopes = scopes(p.optionalOrBack("scope", back), properties.scopesOf(client), back);
    String nonce = p.optionalOrBack("nonce", back);
    return new AuthorizationRequest(clientId, client, redirectUri, scopes, state, challenge, nonce);
  }

  private static List<String> scopes(@Nullable String scope, List<String> allowed, Redirect back) {
    if (scope == null || scope.isBlank()) {
      return allowed;
    }
    Set<String> asked = new LinkedHashSet<>(Arrays.asList(scope.strip().split(" +")));
    if (!allowed.containsAll(asked)) {
      throw back.error("invalid_scope", "the client may ask for " + String.join(" ", allowed));
    }
    return List.copyOf(asked);
  }

  /** Where errors go once the redirect URI is trusted. */
  private record Redirect(String uri, @Nullable String state) {

    AuthorizationError error(String code, String description) {
      return new AuthorizationError(uri, state, code, description);
    }
  }

  /** The request's parameters, each at most once (RFC 6749 §3.1) and of bounded length. */
  private record Parameters(MultiValueMap<String, String> values) {

    String required(String name, int maxLength) {
      String value = optional(name, maxLength);
      if (value == null) {
        throw OAuthErrors.unredirectable(name, name + " is required");
      }
      return value;
    }

    @Nullable String optional(String name, int maxLength) {
      List<String> all = values.get(name);
      if (all == null || all.isEmpty() || all.getFirst().isEmpty()) {
        return null;
      }
      if (all.size() > 1) {
        throw OAuthErrors.unredirectable(name, name + " must be given once");
      }
      if (all.getFirst().length() > maxLength) {
        throw OAuthErrors.unredirectable(name, name + " is longer than " + maxLength + " characters");
      }
      return all.getFirst();
    }

    @Nullable String optionalOrBack(String name, Redirect back) {
      List<String> all = values.get(name);
      if (all == null || all.isEmpty() || all.getFirst().isEmpty()) {
        return null;
      }
      if (all.size() > 1) {
        throw back.error("invalid_request", name + " must be given once");
      }
      if (all.getFirst().length() > MAX_VALUE_LENGTH) {
        throw back.error("invalid_request", name + " is longer than " + MAX_VALUE_LENGTH + " characters");
      }
      return all.getFirst();
    }
  }
}
