package dev.emporium.user.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /api/auth/login}; no minimum on the password, so a wrong one is a 401, not a 400. */
public record LoginRequest(@NotBlank @Size(max = 254) String email, @NotNull @Size(max = 128) String password) {}
