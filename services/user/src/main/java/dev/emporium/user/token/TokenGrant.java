package dev.emporium.user.token;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a successful grant hands out; {@code refreshToken} is null for client credentials,
 * {@code idToken} is there only for an authorization code exchanged with the {@code openid} scope.
 */
public record TokenGrant(String accessToken, @Nullable String refreshToken, @Nullable String idToken,
    Duration expiresIn, List<String> scopes) {}
