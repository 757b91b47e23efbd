package dev.emporium.gateway.policy.auth.jwt;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import dev.emporium.gateway.policy.Policy;
import dev.emporium.gateway.policy.PolicyContext;
import dev.emporium.gateway.policy.PolicyFactory;
import dev.emporium.gateway.policy.auth.AuthDecisions;
import dev.emporium.gateway.policy.auth.VerifiedTokens;
import io.micrometer.core.instrument.Counter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The {@code jwt} policy: bearer tokens signed by trusted issuers. */
public final class JwtPolicyFactory implements PolicyFactory<JwtConfig> {

  @Override
  public String name() {
    return "jwt";
  }

  @Override
  public Class<JwtConfig> configType() {
    return JwtConfig.class;
  }

  @Override
  public Policy create(JwtConfig config, PolicyContext context) {
    Map<String, JwtVerifier.Issuer> issuers = new LinkedHashMap<>();
    for (JwtIssuerConfig ic : config.issuers()) {
      issuers.put(ic.issuer(), new JwtVerifier.Issuer(ic.issuer(), algorithms(ic), keySource(ic, context),
          ic.audiences(), ic.rolesClaim(), ic.requireExpiry()));
    }
    JwtVerifier verifier = new JwtVerifier(issuers, config.clockSkew().toMillis(), System::currentTimeMillis,
        signatures(context, "valid"), signatures(context, "invalid"));
    return new JwtPolicy(config, verifier,
        new VerifiedTokens(config.cache(), System::currentTimeMillis, context.meters(), context.routeName(), name()),
        new AuthDecisions(context.meters(), context.routeName(), name()));
  }

  private static Set<JWSAlgorithm> algorithms(JwtIssuerConfig ic) {
    return ic.algorithms().stream().map(JWSAlgorithm::parse).collect(Collectors.toUnmodifiableSet());
  }

  private static KeySource keySource(JwtIssuerConfig ic, PolicyContext context) {
    if (ic.jwksUrl() == null) {
      List<JWK> keys = new ArrayList<>();
      for (String file : ic.publicKeys()) keys.addAll(PemKeys.read(Path.of(file)));
      return new StaticKeys(KeySet.of(keys));
    }
    JwksSource source = JwksSources.get(context.vertx(), new JwksSource.Key(ic.jwksUrl(), ic.refreshInterval(),
        ic.minRefreshInterval(), ic.fetchTimeout(), ic.maxKeySetSize().bytes()), context.meters());
    source.prefetch();
    return source;
  }

  private static Counter signatures(PolicyContext context, String outcome) {
    return Counter.builder("gateway.auth.jwt.signatures")
        .description("JWT signature checks (tokens not found in the cache of verified tokens), by route and outcome")
        .tags("route", context.routeName(), "outcome", outcome)
        .register(context.meters());
  }
}
