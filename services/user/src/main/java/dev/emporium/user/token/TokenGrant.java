package dev.emporium.user.token;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** What a successful grant hands out; {@code refreshToken} is null for client credentials. */
public record TokenGrant(String accessToken, @Nullable String refreshToken, Duration expiresIn, List<String> scopes) {}
