package dev.emporium.gateway.policy.auth.jwt;

import io.vertx.core.Future;

/** Keys read from PEM files when the configuration loaded; they change only with a reload. */
record StaticKeys(KeySet keySet) implements KeySource {

  @Override
  public Future<KeySet> keys() {
    return Future.succeededFuture(keySet);
  }

  @Override
  public Future<KeySet> refreshForUnknownKey() {
    return Future.succeededFuture(keySet);
  }
}
