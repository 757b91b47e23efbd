package dev.emporium.gateway.policy.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.emporium.gateway.testing.GatewayHarness;
import dev.emporium.gateway.testing.Metrics;
import dev.emporium.gateway.testing.Problems;
import dev.emporium.gateway.testing.RecordedRequest;
import dev.emporium.gateway.testing.TestUpstream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code jwt} policy against real JWKS servers started here, with keys generated here: every
 * algorithm it accepts, every attack it must refuse, time and audience checks, key rotation and
 * the unknown-{@code kid} refetch, the verified-token cache.
 */
class JwtIT {

  static final String RSA_ISS = "https://rsa.test";
  static final String EC_ISS = "https://ec.test";
  static final String ED_ISS = "https://ed.test";
  static final String PEM_ISS = "https://pem.test";
  static final String ROT_ISS = "https://rotating.test";
  static final String LIM_ISS = "https://limited.test";

  static RSAKey rsa = TestKeys.rsa("r1");
  /** Published by the RSA issuer too, but its allow-list has only RS256. */
  static ECKey ecOnRsaIssuer = TestKeys.ec("e-on-r");
  static ECKey ec = TestKeys.ec("e1");
  static OctetKeyPair ed = TestKeys.ed25519("d1");
  static RSAKey pem = TestKeys.rsa(null);
  static RSAKey attacker = TestKeys.rsa("evil");

  static JwksServer rsaJwks;
  static JwksServer ecJwks;
  static JwksServer edJwks;
  static JwksServer rotatingJwks;
  static JwksServer limitedJwks;
  static JwksServer attackerJwks;
  static TestUpstream upstream;
  static GatewayHarness gateway;
  static Path pemFile;

  @BeforeAll
  static void start() throws Exception {
    rsaJwks = JwksServer.start(rsa, ecOnRsaIssuer);
    ecJwks = JwksServer.start(ec);
    edJwks = JwksServer.start(ed);
    rotatingJwks = JwksServer.start(TestKeys.rsa("rot-1"));
    limitedJwks = JwksServer.start(TestKeys.rsa("lim-1"));
    attackerJwks = JwksServer.start(attacker);
    pemFile = Files.createTempFile("issuer", ".pem");
    Files.writeString(pemFile, TestKeys.publicPem(pem));
    upstream = TestUpstream.echo();
    String rsaIssuer = "            - {issuer: %s, jwksUrl: \"%s\", algorithms: [RS256], audiences: [api]}"
        .formatted(RSA_ISS, rsaJwks.url());
    gateway = GatewayHarness.start("""
        routes:
          - name: rsa
            match: {path: /rsa/**}
            cluster: app
            policies:
              - jwt:
                  issuers:
        %1$s
          - name: cached
            match: {path: /cached/**}
            cluster: app
            policies:
              - jwt:
                  issuers:
        %1$s
          - name: ec
            match: {path: /ec/**}
            cluster: app
            policies:
              - jwt:
                  issuers:
                    - {issuer: %2$s, jwksUrl: "%3$s", algorithms: [ES256], audiences: [api]}
          - name: ed
            match: {path: /ed/**}
            cluster: app
            policies:
              - jwt:
                  issuers:
                    - {issuer: %4$s, jwksUrl: "%5$s", algorithms: [EdDSA], audiences: [api]}
          - name: multi
            match: {path: /multi/**}
            cluster: app
            policies:
              - jwt:
                  issuers:
        %1$s
                    - {issuer: %4$s, jwksUrl: "%5$s", algorithms: [EdDSA], audiences: [api]}
          - name: optional
            match: {path: /optional/**}
            cluster: app
            policies:
              - jwt:
                  optional: true
                  issuers:
        %1$s
          - name: pem
            match: {path: /pem/**}
            cluster: app
            policies:
              - jwt:
                  issuers:
                    - {issuer: %6$s, publicKeys: ["%7$s"], algorithms: [RS256]}
          - name: cookie
            match: {path: /cookie/**}
            cluster: app
            policies:
              - jwt:
                  token: {cookie: session}
                  forwardToken: false
                  issuers:
        %1$s
          - name: rotating
            match: {path: /rotating/**}
            cluster: app
            policies:
              - jwt:
                  issuers:
                    - {issuer: %8$s, jwksUrl: "%9$s", algorithms: [RS256], minRefreshInterval: 200ms}
          - name: limited
            match: {path: /limited/**}
            cluster: app
            policies:
              - jwt:
                  issuers:
                    - {issuer: %10$s, jwksUrl: "%11$s", algorithms: [RS256], minRefreshInterval: 2s}
          - name: down
            match: {path: /down/**}
            cluster: app
            policies:
              - jwt:
                  issuers:
                    - {issuer: https://down.test, jwksUrl: "http://127.0.0.1:1/jwks.json", algorithms: [RS256], fetchTimeout: 500ms}
        clusters:
          - name: app
            endpoints:
              - address: %12$s
        """.formatted(rsaIssuer, EC_ISS, ecJwks.url(), ED_ISS, edJwks.url(), PEM_ISS, pemFile, ROT_ISS,
        rotatingJwks.url(), LIM_ISS, limitedJwks.url(), upstream.address()));
  }

  @AfterAll
  static void stop() throws Exception {
    gateway.close();
    upstream.close();
    for (JwksServer s : List.of(rsaJwks, ecJwks, edJwks, rotatingJwks, limitedJwks, attackerJwks)) s.close();
    Files.deleteIfExists(pemFile);
  }

  @BeforeEach
  void forget() {
    upstream.drain();
  }

  private static HttpResponse<String> get(String path, String token) {
    return token == null ? gateway.get(path) : gateway.get(path, "Authorization", "Bearer " + token);
  }

  private static JWTClaimsSet.Builder claims(String issuer) {
    return TestKeys.claims(issuer, "api");
  }

  private static void assertInvalidToken(HttpResponse<String> response, String token) {
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(Problems.type(response)).isEqualTo("invalid-token");
    assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow())
        .startsWith("Bearer realm=\"emporium\", error=\"invalid_token\", error_description=\"");
    // Nothing of the token comes back: not the whole, not any of its three parts.
    for (String part : token.split("\\.")) {
      if (part.length() > 8) assertThat(response.body()).doesNotContain(part);
    }
    // And it never reached the upstream.
    assertThat(upstream.drain()).noneMatch(r -> String.valueOf(r.header("Authorization")).contains(token));
  }

  @Test
  void acceptsRs256Es256AndEdDsaAndSendsTheIdentityUpstream() {
    for (var pair : List.of(List.of("/rsa/x", TestKeys.sign(rsa, claims(RSA_ISS).build())),
        List.of("/ec/x", TestKeys.sign(ec, claims(EC_ISS).build())),
        List.of("/ed/x", TestKeys.sign(ed, claims(ED_ISS).build())))) {
      HttpResponse<String> response = get(pair.get(0), pair.get(1));
      assertThat(response.statusCode()).as(pair.get(0)).isEqualTo(200);
      RecordedRequest seen = upstream.take();
      assertThat(seen.header("X-User-Id")).isEqualTo("alice");
      assertThat(seen.header("X-User-Roles")).isEqualTo("customer,beta");
      assertThat(seen.header("X-Scopes")).isEqualTo("orders:read,orders:write");
      assertThat(seen.header("Authorization")).isEqualTo("Bearer " + pair.get(1));
    }
  }

  @Test
  void refusesARequestWithoutTokenWithAChallenge() {
    HttpResponse<String> response = get("/rsa/x", null);
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(Problems.type(response)).isEqualTo("authentication-required");
    assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"emporium\"");
    assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
    HttpResponse<String> otherScheme = gateway.get("/rsa/x", "Authorization", "Basic YWxpY2U6c2VjcmV0");
    assertThat(otherScheme.statusCode()).isEqualTo(401);
    assertThat(upstream.drain()).isEmpty();
  }

  @Test
  void refusesAlgNone() {
    String header = TestKeys.base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}");
    String payload = TestKeys.base64Url(claims(RSA_ISS).build().toString());
    for (String token : List.of(header + "." + payload + ".", header + "." + payload + ".c2lnbmF0dXJl")) {
      assertInvalidToken(get("/rsa/x", token), token);
    }
    // Also spelled "None" and with an RSA signature left in place.
    String signed = TestKeys.sign(rsa, claims(RSA_ISS).build());
    String none = TestKeys.base64Url("{\"alg\":\"None\",\"kid\":\"r1\"}") + signed.substring(signed.indexOf('.'));
    assertInvalidToken(get("/rsa/x", none), none);
  }

  @Test
  void refusesHs256SignedWithTheIssuersRsaPublicKeyAsSecret() throws JOSEException {
    byte[] der = rsa.toPublicKey().getEncoded();
    byte[] pemText = TestKeys.publicPem(rsa).getBytes(StandardCharsets.US_ASCII);
    byte[] jwkText = rsa.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
    for (byte[] secret : List.of(der, pemText, jwkText)) {
      SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("r1").build(), claims(RSA_ISS).build());
      jwt.sign(new MACSigner(secret));
      String token = jwt.serialize();
      assertInvalidToken(get("/rsa/x", token), token);
    }
  }

  @Test
  void ignoresEmbeddedJwkJkuAndX5uPointingAtAnAttackersKey() {
    JWTClaimsSet claims = claims(RSA_ISS).build();
    URI attackerUrl = URI.create(attackerJwks.url());
    String withJwk = TestKeys.sign(attacker, claims, h -> h.jwk(attacker.toPublicJWK()));
    String withJku = TestKeys.sign(attacker, claims, h -> h.jwkURL(attackerUrl));
    String withX5u = TestKeys.sign(attacker, claims, h -> h.x509CertURL(attackerUrl));
    // The attacker's key under the issuer's own kid: only the issuer's key is ever tried.
    String realKid = TestKeys.sign(attacker, claims, h -> h.keyID("r1").jwk(attacker.toPublicJWK()).jwkURL(attackerUrl));
    for (String token : List.of(withJwk, withJku, withX5u, realKid)) assertInvalidToken(get("/rsa/x", token), token);
    assertThat(attackerJwks.requests()).isZero();
  }

  @Test
  void refusesAnAlgorithmNotAllowedForTheIssuerEvenWithAPublishedKey() {
    String token = TestKeys.sign(ecOnRsaIssuer, claims(RSA_ISS).build());
    assertInvalidToken(get("/rsa/x", token), token);
    String scrape = Metrics.scrape(gateway);
    assertThat(Metrics.value(scrape, "gateway_auth_decisions_total", "route", "rsa", "reason", "algorithm-not-allowed"))
        .isGreaterThanOrEqualTo(1);
  }

  @Test
  void refusesATokenSignedWithAnotherIssuersKey() {
    String token = TestKeys.sign(ec, claims(RSA_ISS).build(), h -> h.keyID("r1"));
    assertInvalidToken(get("/rsa/x", token), token);
    String rsaSignedAsEc = TestKeys.sign(attacker, claims(RSA_ISS).build(), h -> h.keyID("r1"));
    assertInvalidToken(get("/rsa/x", rsaSignedAsEc), rsaSignedAsEc);
  }

  @Test
  void checksExpiryAndNotBeforeWithClockSkew() {
    Instant now = Instant.now();
    String expired = TestKeys.sign(rsa, claims(RSA_ISS).expirationTime(Date.from(now.minusSeconds(90))).build());
    HttpResponse<String> response = get("/rsa/x", expired);
    assertInvalidToken(response, expired);
    assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("The token has expired");

    String justExpired = TestKeys.sign(rsa, claims(RSA_ISS).expirationTime(Date.from(now.minusSeconds(10))).build());
    assertThat(get("/rsa/x", justExpired).statusCode()).as("within the 30 s skew").isEqualTo(200);

    String future = TestKeys.sign(rsa, claims(RSA_ISS).notBeforeTime(Date.from(now.plusSeconds(120))).build());
    assertInvalidToken(get("/rsa/x", future), future);
    String almost = TestKeys.sign(rsa, claims(RSA_ISS).notBeforeTime(Date.from(now.plusSeconds(10))).build());
    assertThat(get("/rsa/x", almost).statusCode()).as("within the 30 s skew").isEqualTo(200);

    String noExpiry = TestKeys.sign(rsa, claims(RSA_ISS).expirationTime(null).build());
    assertInvalidToken(get("/rsa/x", noExpiry), noExpiry);
  }

  @Test
  void refusesAWrongIssuerOrAudience() {
    String wrongIssuer = TestKeys.sign(rsa, claims("https://elsewhere.test").build());
    assertInvalidToken(get("/rsa/x", wrongIssuer), wrongIssuer);
    String ecOnRsaRoute = TestKeys.sign(ec, claims(EC_ISS).build());
    assertInvalidToken(get("/rsa/x", ecOnRsaRoute), ecOnRsaRoute);
    String wrongAudience = TestKeys.sign(rsa, TestKeys.claims(RSA_ISS, "other-api").build());
    HttpResponse<String> response = get("/rsa/x", wrongAudience);
    assertInvalidToken(response, wrongAudience);
    assertThat(Problems.detail(response)).isEqualTo("The token is not meant for this audience");
    String noAudience = TestKeys.sign(rsa, claims(RSA_ISS).audience((String) null).build());
    assertInvalidToken(get("/rsa/x", noAudience), noAudience);
    String garbage = "not.a.jwt";
    assertInvalidToken(get("/rsa/x", garbage), garbage);
  }

  @Test
  void acceptsEachOfSeveralIssuersOnOneRoute() {
    assertThat(get("/multi/x", TestKeys.sign(rsa, claims(RSA_ISS).build())).statusCode()).isEqualTo(200);
    assertThat(get("/multi/x", TestKeys.sign(ed, claims(ED_ISS).build())).statusCode()).isEqualTo(200);
    String ecToken = TestKeys.sign(ec, claims(EC_ISS).build());
    assertInvalidToken(get("/multi/x", ecToken), ecToken);
  }

  @Test
  void optionalModeLetsAnonymousRequestsThroughButNotBadTokens() {
    HttpResponse<String> anonymous = gateway.get("/optional/x", "X-User-Id", "mallory", "X-User-Roles", "admin");
    assertThat(anonymous.statusCode()).isEqualTo(200);
    RecordedRequest seen = upstream.take();
    assertThat(seen.header("X-User-Id")).isNull();
    assertThat(seen.header("X-User-Roles")).isNull();

    HttpResponse<String> known = gateway.get("/optional/x", "Authorization",
        "Bearer " + TestKeys.sign(rsa, claims(RSA_ISS).build()), "X-User-Id", "mallory");
    assertThat(known.statusCode()).isEqualTo(200);
    assertThat(upstream.take().headers().getAll("X-User-Id")).containsExactly("alice");

    String forged = TestKeys.sign(attacker, claims(RSA_ISS).build(), h -> h.keyID("r1"));
    assertInvalidToken(get("/optional/x", forged), forged);
  }

  @Test
  void verifiesWithKeysFromPemFiles() {
    assertThat(get("/pem/x", TestKeys.sign(pem, TestKeys.claims(PEM_ISS, "any").build())).statusCode()).isEqualTo(200);
    String forged = TestKeys.sign(attacker, TestKeys.claims(PEM_ISS, "any").build());
    assertInvalidToken(get("/pem/x", forged), forged);
  }

  @Test
  void readsTheTokenFromACookieAndKeepsItFromTheUpstreamWhenAsked() {
    String token = TestKeys.sign(rsa, claims(RSA_ISS).build());
    assertThat(gateway.get("/cookie/x", "Cookie", "theme=dark; session=" + token).statusCode()).isEqualTo(200);
    assertThat(upstream.take().header("X-User-Id")).isEqualTo("alice");
    assertThat(gateway.get("/cookie/x", "Authorization", "Bearer " + token).statusCode()).isEqualTo(200);
    assertThat(upstream.take().header("Authorization")).isNull();
  }

  @Test
  void picksUpARotatedKeyWithoutRestart() {
    RSAKey next = TestKeys.rsa("rot-2");
    String early = TestKeys.sign(next, TestKeys.claims(ROT_ISS, "x").build());
    HttpResponse<String> before = get("/rotating/x", early);
    assertThat(before.statusCode()).isEqualTo(401);
    assertThat(Problems.detail(before)).isEqualTo("The token was signed with a key its issuer does not publish");

    rotatingJwks.publish(next);
    TestUpstream.await(Duration.ofSeconds(5), () -> get("/rotating/x", early).statusCode() == 200,
        "the rotated key to be accepted");
  }

  @Test
  void refetchesForAnUnknownKidAtMostOncePerMinimumInterval() throws InterruptedException {
    List<String> tokens = new java.util.ArrayList<>();
    RSAKey unknown = TestKeys.rsa("unused");
    for (int i = 0; i < 15; i++) {
      tokens.add(TestKeys.sign(unknown, TestKeys.claims(LIM_ISS, "x").build(), h -> h.keyID("made-up-" + UUID.randomUUID())));
    }
    TestUpstream.await(Duration.ofSeconds(5), () -> limitedJwks.requests() >= 1, "the first fetch");
    Thread.sleep(2_100);
    int before = limitedJwks.requests();
    long start = System.nanoTime();
    for (String token : tokens) {
      HttpResponse<String> response = get("/limited/x", token);
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(Problems.detail(response)).isEqualTo("The token was signed with a key its issuer does not publish");
    }
    long elapsedMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
    // One fetch for the first unknown kid, then at most one per 2 s interval however many arrive.
    assertThat(limitedJwks.requests() - before).isBetween(1, 1 + (int) (elapsedMillis / 2_000));
  }

  @Test
  void aVerifiedTokenIsServedFromTheCacheWithoutASignatureCheck() {
    String token = TestKeys.sign(rsa, claims(RSA_ISS).subject("cache-user").build());
    for (int i = 0; i < 5; i++) assertThat(get("/cached/x", token).statusCode()).isEqualTo(200);
    String scrape = Metrics.scrape(gateway);
    assertThat(Metrics.value(scrape, "gateway_auth_jwt_signatures_total", "route", "cached", "outcome", "valid"))
        .isEqualTo(1.0);
    assertThat(Metrics.value(scrape, "gateway_auth_token_cache_total", "route", "cached", "result", "hit"))
        .isEqualTo(4.0);
    assertThat(Metrics.value(scrape, "gateway_auth_decisions_total", "route", "cached", "outcome", "allowed"))
        .isEqualTo(5.0);
    for (int i = 0; i < 5; i++) assertThat(upstream.take().header("X-User-Id")).isEqualTo("cache-user");
  }

  @Test
  void answers503WhenTheIssuersKeysCannotBeFetched() {
    HttpResponse<String> response = get("/down/x", TestKeys.sign(rsa, TestKeys.claims("https://down.test", "x").build()));
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(Problems.type(response)).isEqualTo("auth-unavailable");
    assertThat(response.headers().firstValue("Retry-After")).isPresent();
  }
}
