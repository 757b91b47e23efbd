package dev.emporium.user.api;

import dev.emporium.user.account.UserAccounts;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What other services ask of accounts, under {@code /internal}: a path the gateway never routes,
 * so only callers inside the platform's network reach it.
 */
@RestController
@RequestMapping("/internal/users")
class InternalUserController {

  private final UserAccounts accounts;

  InternalUserController(UserAccounts accounts) {
    this.accounts = accounts;
  }

  @GetMapping("/{id}/contact")
  @Operation(summary = "A user's email, name and phone, for notifications; 404 when the id names no account")
  ContactResponse contact(@PathVariable String id) {
    return ContactResponse.of(accounts.byId(id));
  }
}
