package dev.emporium.gateway.policy.auth.jwt;

import io.vertx.core.Future;

/** Where an issuer's keys come from: PEM files read once, or a JWKS URL fetched and refreshed. */
interface KeySource {

  /** The current keys; fails only when none could ever be had. */
  Future<KeySet> keys();

  /**
   * The keys after a fetch, asked for when a token names a key that is not known: a rotation may
   * have happened. Fetches at most once per minimum refresh interval; in between it answers with
   * the keys it has.
   */
  Future<KeySet> refreshForUnknownKey();
}
