package dev.emporium.user.api;

import dev.emporium.platform.service.identity.Caller;
import dev.emporium.user.account.User;
import dev.emporium.user.account.UserAccounts;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Accounts: anyone may register; the profile is the signed-in caller's own. */
@RestController
@RequestMapping("/api/users")
class UserController {

  private final UserAccounts accounts;

  UserController(UserAccounts accounts) {
    this.accounts = accounts;
  }

  @PostMapping
  @Operation(summary = "Register an account; 409 when the email is taken")
  ResponseEntity<UserResponse> register(@Valid @RequestBody RegistrationRequest request) {
    User user = accounts.register(request.email(), request.password(), request.name(), request.phone());
    return ResponseEntity.created(URI.create("/api/users/me")).body(UserResponse.of(user));
  }

  @GetMapping("/me")
  @Operation(summary = "The signed-in caller's profile (identity from the gateway's X-User-Id)")
  UserResponse me(Caller caller) {
    return UserResponse.of(accounts.me(caller));
  }
}
