package dev.emporium.user.api;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /api/users}. The limits are part of the API: 254 is the longest address
 * SMTP can carry; 12 characters is the shortest password worth hashing, and 128 bounds the Argon2
 * input a client can make us hash. The phone number is optional, in E.164 form (a plus, the country
 * code, at most 15 digits): the form SMS providers take.
 */
public record RegistrationRequest(
    @NotBlank @Email @Size(max = 254) String email,
    @NotNull @Size(min = 12, max = 128) String password,
    @NotBlank @Size(max = 100) String name,
    @Pattern(regexp = "\\+[1-9][0-9]{1,14}", message = "must be a phone number in E.164 form, such as +491701234567")
    @Nullable String phone) {}
