package dev.emporium.user.api;

import org.jspecify.annotations.Nullable;
import org.springframework.util.MultiValueMap;

/**
 * The credentials the sign-in page posts, with the limits the JSON login has (an email of at most
 * 254 characters, a password of at most 128), or the message to show when they are missing or too
 * long.
 */
record SignInForm(@Nullable String email, @Nullable String password, @Nullable String problem) {

  static final int MAX_EMAIL_LENGTH = 254;
  static final int MAX_PASSWORD_LENGTH = 128;

  static SignInForm of(MultiValueMap<String, String> form) {
    String email = form.getFirst("email");
    String password = form.getFirst("password");
    if (email == null || email.isBlank() || password == null || password.isEmpty()) {
      return new SignInForm(email, password, "Enter your email and your password.");
    }
    if (email.length() > MAX_EMAIL_LENGTH) {
      return new SignInForm(null, null, "The email is longer than " + MAX_EMAIL_LENGTH + " characters.");
    }
    if (password.length() > MAX_PASSWORD_LENGTH) {
      return new SignInForm(email, null, "The password is longer than " + MAX_PASSWORD_LENGTH + " characters.");
    }
    return new SignInForm(email, password, null);
  }
}
