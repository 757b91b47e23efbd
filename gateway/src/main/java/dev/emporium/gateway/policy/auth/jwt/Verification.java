package dev.emporium.gateway.policy.auth.jwt;

import dev.emporium.gateway.policy.auth.AuthOutcome;
import dev.emporium.gateway.policy.auth.Identity;

/** What checking a token found: who it names and until when, or why it is refused. */
sealed interface Verification {

  /** @param validUntilMillis when the token stops being accepted (its exp plus the clock skew) */
  record Verified(Identity identity, long validUntilMillis) implements Verification {}

  record Refused(AuthOutcome outcome) implements Verification {}
}
