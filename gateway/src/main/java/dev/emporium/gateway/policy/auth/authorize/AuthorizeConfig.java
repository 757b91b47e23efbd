package dev.emporium.gateway.policy.auth.authorize;

import dev.emporium.gateway.policy.auth.IdentityHeaders;
import dev.emporium.gateway.policy.auth.Refusals;
import java.util.List;

/**
 * The {@code authorize} policy's settings: what the verified identity must hold. It follows an
 * authentication policy ({@code jwt}, {@code introspection}, {@code api-key}) in the route's list.
 *
 * @param scopes scopes required
 * @param scopesMatch {@code all} (every scope listed) or {@code any} (at least one)
 * @param roles roles required
 * @param rolesMatch {@code any} (at least one role listed) or {@code all}
 * @param realm the realm named in {@code WWW-Authenticate}
 */
public record AuthorizeConfig(List<String> scopes, String scopesMatch, List<String> roles, String rolesMatch,
    String realm) {

  public AuthorizeConfig {
    scopes = scopes == null ? List.of() : List.copyOf(scopes);
    roles = roles == null ? List.of() : List.copyOf(roles);
    scopesMatch = scopesMatch == null ? "all" : scopesMatch;
    rolesMatch = rolesMatch == null ? "any" : rolesMatch;
    realm = realm == null ? "emporium" : realm;
    if (scopes.isEmpty() && roles.isEmpty()) throw new IllegalArgumentException("give scopes, roles or both");
    if (!List.of("all", "any").contains(scopesMatch)) throw new IllegalArgumentException("scopesMatch: must be all or any");
    if (!List.of("all", "any").contains(rolesMatch)) throw new IllegalArgumentException("rolesMatch: must be all or any");
    for (String s : scopes) {
      if (!IdentityHeaders.isListElement(s)) throw new IllegalArgumentException("scopes: '" + s + "' is not a scope name");
    }
    for (String r : roles) {
      if (!IdentityHeaders.isListElement(r)) throw new IllegalArgumentException("roles: '" + r + "' is not a role name");
    }
    if (!Refusals.isValidRealm(realm)) {
      throw new IllegalArgumentException("realm: must be 1-128 visible ASCII characters without quotes or backslashes");
    }
  }
}
