package dev.emporium.gateway.policy.cors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OriginPatternTest {

  private static boolean allows(String pattern, String origin) {
    OriginPattern.Origin parsed = OriginPattern.Origin.parse(origin);
    return parsed != null && OriginPattern.parse(pattern).matches(parsed);
  }

  @Test
  void exactOriginsCompareSchemeHostAndPort() {
    assertThat(allows("https://shop.example.com", "https://shop.example.com")).isTrue();
    assertThat(allows("https://shop.example.com", "https://SHOP.example.com")).isTrue();
    assertThat(allows("https://shop.example.com", "https://shop.example.com:443")).isTrue();
    assertThat(allows("https://shop.example.com", "http://shop.example.com")).isFalse();
    assertThat(allows("https://shop.example.com", "https://shop.example.com:8443")).isFalse();
    assertThat(allows("https://shop.example.com", "https://shop.example.com.evil.test")).isFalse();
    assertThat(allows("http://localhost:3000", "http://localhost:3000")).isTrue();
    assertThat(allows("http://[::1]:3000", "http://[::1]:3000")).isTrue();
  }

  @Test
  void subdomainPatternsMatchAnyDepthButNotTheDomainItself() {
    assertThat(allows("https://*.example.com", "https://a.example.com")).isTrue();
    assertThat(allows("https://*.example.com", "https://a.b.example.com")).isTrue();
    assertThat(allows("https://*.example.com", "https://example.com")).isFalse();
    assertThat(allows("https://*.example.com", "https://evilexample.com")).isFalse();
    assertThat(allows("https://*.example.com", "https://a.example.com.evil.test")).isFalse();
    assertThat(allows("https://*.example.com", "http://a.example.com")).isFalse();
    assertThat(allows("https://*.example.com", "https://.example.com")).isFalse();
  }

  @Test
  void malformedOrUnsafePatternsAreRefused() {
    for (String bad : new String[] {"null", "shop.example.com", "https://shop.example.com/", "https://shop.example.com/path",
        "https://*.com", "https://a.*.example.com", "https://*example.com", "ftp://x.example.com", "https://x:99999"}) {
      assertThatThrownBy(() -> OriginPattern.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void malformedOriginHeadersAreNeverAllowed() {
    for (String bad : new String[] {"null", "https://", "https://a.example.com/x", "https://user@a.example.com", "a.example.com"}) {
      assertThat(OriginPattern.Origin.parse(bad)).as(bad).isNull();
    }
  }
}
