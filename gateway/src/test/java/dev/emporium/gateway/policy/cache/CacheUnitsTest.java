package dev.emporium.gateway.policy.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cache's parsing and key rules, one behaviour each. */
class CacheUnitsTest {

  @Test
  void readsTheDirectivesASharedCacheActsOn() {
    CacheControl cc = CacheControl.parse(List.of("public, max-age=60", "s-maxage=\"120\", stale-if-error=30"));
    assertThat(cc.isPublic()).isTrue();
    assertThat(cc.maxAge()).isEqualTo(60);
    assertThat(cc.sMaxAge()).isEqualTo(120);
    assertThat(cc.staleIfError()).isEqualTo(30);
    assertThat(cc.explicitlyPublic()).isTrue();

    CacheControl priv = CacheControl.parse(List.of("private=\"Set-Cookie, X-Secret\", no-cache"));
    assertThat(priv.isPrivate()).isTrue();
    assertThat(priv.noCache()).isTrue();
    assertThat(priv.explicitlyPublic()).isFalse();
  }

  @Test
  void ignoresMalformedAgesRatherThanGuessing() {
    CacheControl cc = CacheControl.parse(List.of("max-age=abc, s-maxage=-5, must-revalidate"));
    assertThat(cc.maxAge()).isEqualTo(-1);
    assertThat(cc.sMaxAge()).isEqualTo(-1);
    assertThat(cc.mustRevalidate()).isTrue();
    assertThat(CacheControl.parse(List.of("max-age=99999999999999")).maxAge()).isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void ordersQueryParametersByNameAndDecodesUnreservedEscapes() {
    assertThat(CacheKey.normalizeQuery("b=2&a=1&&a=0&q=%61%2f")).isEqualTo("a=1&a=0&b=2&q=a%2F");
    assertThat(CacheKey.normalizeQuery(null)).isEmpty();
  }

  @Test
  void varyNamesAreCaseInsensitiveSortedAndStarMeansNever() {
    assertThat(CacheKey.varyNames(List.of("Accept-Language, accept", "ACCEPT"))).containsExactly("accept", "accept-language");
    assertThat(CacheKey.varyNames(List.of("Accept, *"))).isNull();
    assertThat(CacheKey.varyNames(List.of())).isEmpty();
  }

  @Test
  void identityIsAHashOfTheIdentityHeadersNeverTheirValues() {
    MultiMap alice = HttpHeaders.headers().add("Authorization", "Bearer alice-token");
    MultiMap bob = HttpHeaders.headers().add("Authorization", "Bearer bob-token");
    List<String> names = List.of("x-user-id", "authorization");
    String a = CacheKey.identity(alice, names);
    assertThat(a).isNotEqualTo(CacheKey.identity(bob, names)).doesNotContain("alice");
    assertThat(CacheKey.identity(HttpHeaders.headers(), names)).isEqualTo("anonymous");
    assertThat(CacheKey.identity(HttpHeaders.headers().add("X-User-Id", "bob"), names))
        .isNotEqualTo(CacheKey.identity(HttpHeaders.headers().add("X-User-Id", "alice"), names));
  }

  @Test
  void storedResponsesSurviveTheRedisFormat() {
    CachedResponse entry = new CachedResponse("products", "/api/products/1", "u:abc", List.of("accept"),
        List.of("application/json"), 200, List.of(Map.entry("Content-Type", "application/json"), Map.entry("ETag", "\"v1\"")),
        "{\"id\":1}".getBytes(), 1_000, 3, 61_000, 361_000, 661_000);
    CachedResponse back = CachedResponse.fromBytes(entry.toBytes());
    assertThat(back).usingRecursiveComparison().isEqualTo(entry);
    assertThat(CachedResponse.fromBytes(new byte[] {1, 2, 3})).isNull();
    byte[] truncated = java.util.Arrays.copyOf(entry.toBytes(), entry.toBytes().length - 2);
    assertThat(CachedResponse.fromBytes(truncated)).isNull();
  }

  @Test
  void freshnessPrefersSharedMaxAgeAndIsCappedByMaxTtl() {
    CachePolicyConfig config = new CachePolicyConfig(null, java.time.Duration.ofMinutes(10), null, null, null, null, null, null);
    long now = 1_000_000;
    MultiMap headers = HttpHeaders.headers().add("Age", "10");
    Lifetimes life = Lifetimes.of(headers, CacheControl.parse(List.of("max-age=60, s-maxage=120")), config, now);
    assertThat(life.freshUntil()).isEqualTo(now + 110_000);
    Lifetimes capped = Lifetimes.of(HttpHeaders.headers(), CacheControl.parse(List.of("max-age=86400")), config, now);
    assertThat(capped.freshUntil()).isEqualTo(now + 600_000);
    Lifetimes byDefault = Lifetimes.of(HttpHeaders.headers(), CacheControl.NONE, config, now);
    assertThat(byDefault.freshUntil()).isEqualTo(now + 300_000);
    Lifetimes strict = Lifetimes.of(HttpHeaders.headers(), CacheControl.parse(List.of("max-age=5, must-revalidate")), config, now);
    assertThat(strict.staleIfErrorUntil()).isEqualTo(strict.freshUntil());
  }

  @Test
  void redisKeysArePurgedByRouteAndPathPrefix() {
    String key = "pfx:products|/api/products/7|e0123";
    assertThat(ResponseCache.matchesRedisKey(key, "pfx:", "products", "/api/products")).isTrue();
    assertThat(ResponseCache.matchesRedisKey(key, "pfx:", null, "/api/products/7")).isTrue();
    assertThat(ResponseCache.matchesRedisKey(key, "pfx:", "search", null)).isFalse();
    assertThat(ResponseCache.matchesRedisKey(key, "pfx:", null, "/api/orders")).isFalse();
    assertThat(ResponseCache.matchesRedisKey("other:products|/x|e1", "pfx:", null, null)).isFalse();
  }

  @Test
  void configRefusesWhatCannotWork() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() ->
            new CachePolicyConfig(null, null, null, null, null, List.of(200, 206), null, null))
        .hasMessageContaining("206");
    org.assertj.core.api.Assertions.assertThatThrownBy(() ->
            new CachePolicyConfig(java.time.Duration.ofHours(2), java.time.Duration.ofHours(1), null, null, null, null, null, null))
        .hasMessageContaining("maxTtl");
    org.assertj.core.api.Assertions.assertThatThrownBy(() ->
            new CachePolicyConfig(null, null, null, null, null, null, null, "sometimes"))
        .hasMessageContaining("clientDirectives");
  }
}
