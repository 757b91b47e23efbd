package dev.emporium.gateway.policy.auth.jwt;

import dev.emporium.gateway.policy.auth.AuthHttp;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;

/**
 * The JWKS sources of one Vert.x instance, by URL and settings. Routes naming the same issuer share
 * its keys, and a reload finds the keys already fetched instead of asking the issuer again.
 */
final class JwksSources {

  private static final String MAP = "dev.emporium.gateway.policy.auth.jwks";

  private JwksSources() {}

  static JwksSource get(Vertx vertx, JwksSource.Key key, MeterRegistry meters) {
    // Local maps take only immutable keys such as strings; the record's text names every setting.
    LocalMap<String, JwksSource> map = vertx.sharedData().getLocalMap(MAP);
    return map.computeIfAbsent(key.toString(), k -> new JwksSource(AuthHttp.of(vertx), key, meters));
  }
}
