package dev.emporium.user.api;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/users}. The limits are part of the API: 254 is the longest address
 * SMTP can carry; 12 characters is the shortest password worth hashing, and 128 bounds the Argon2
 * input a client can make us hash.
 */
public record RegistrationRequest(
    @NotBlank @Email @Size(max = 254) String email,
    @NotNull @Size(min = 12, max = 128) String password,
    @NotBlank @Size(max = 100) String name) {}
