package dev.emporium.gateway.policy.secure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SecurityHeadersConfigTest {

  @Test
  void defaultsFollowOwaspForApis() {
    SecurityHeadersConfig c = new SecurityHeadersConfig(null, null, null, null, null, null);
    assertThat(c.contentTypeOptions()).isEqualTo("nosniff");
    assertThat(c.frameOptions()).isEqualTo("DENY");
    assertThat(c.contentSecurityPolicy()).isEqualTo("default-src 'none'; frame-ancestors 'none'");
    assertThat(c.referrerPolicy()).isEqualTo("no-referrer");
    assertThat(c.override()).isFalse();
    assertThat(c.hsts().value()).isEqualTo("max-age=31536000; includeSubDomains");
    assertThat(c.hsts().httpsOnly()).isTrue();
  }

  @Test
  void preloadNeedsAYearAndSubdomains() {
    assertThatThrownBy(() -> new SecurityHeadersConfig.Hsts(true, Duration.ofDays(30), true, true, true))
        .hasMessageContaining("hsts.preload");
    assertThat(new SecurityHeadersConfig.Hsts(true, Duration.ofDays(730), true, true, true).value())
        .isEqualTo("max-age=63072000; includeSubDomains; preload");
  }

  @Test
  void unknownValuesAreRefused() {
    assertThatThrownBy(() -> new SecurityHeadersConfig(null, null, "ALLOW-FROM https://x", null, null, null))
        .hasMessageContaining("frameOptions").hasMessageContaining("frame-ancestors");
    assertThatThrownBy(() -> new SecurityHeadersConfig(null, "sniff", null, null, null, null))
        .hasMessageContaining("contentTypeOptions");
    assertThatThrownBy(() -> new SecurityHeadersConfig(null, null, null, null, "never", null))
        .hasMessageContaining("referrerPolicy");
    assertThatThrownBy(() -> new SecurityHeadersConfig(null, null, null, "a\nb", null, null))
        .hasMessageContaining("control character");
  }
}
