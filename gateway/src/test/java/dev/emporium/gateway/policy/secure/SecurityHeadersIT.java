package dev.emporium.gateway.policy.secure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.gateway.testing.Certificates;
import dev.emporium.gateway.testing.GatewayHarness;
import dev.emporium.gateway.testing.TestUpstream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;

/** The security-headers policy on plain and forwarded-HTTPS traffic, with defaults and overrides. */
class SecurityHeadersIT {

  private static String config(String upstream, String settings, String server) {
    return server + """
        routes:
          - name: site
            match:
              path: /site/**
            cluster: svc
            policies:
              - security-headers:
        %s
          - name: plain
            match:
              path: /plain/**
            cluster: svc
        clusters:
          - name: svc
            endpoints:
              - address: %s
        """.formatted(settings.isBlank() ? "          {}" : settings.indent(10).stripTrailing(), upstream);
  }

  private static final String TRUST_LOOPBACK = """
      server:
        eventLoops: 2
        watchConfig: false
        drainTimeout: 5s
        trustedProxies: [127.0.0.1/32]
      """;

  @Test
  void defaultsAreAddedToEveryResponseOfTheRoute() {
    try (TestUpstream up = TestUpstream.fixed(200, "<html></html>");
        GatewayHarness gateway = GatewayHarness.start(config(up.address(), "", TRUST_LOOPBACK))) {
      HttpResponse<String> plainHttp = gateway.get("/site/index.html");
      assertThat(plainHttp.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
      assertThat(plainHttp.headers().firstValue("X-Frame-Options")).contains("DENY");
      assertThat(plainHttp.headers().firstValue("Content-Security-Policy")).contains("default-src 'none'; frame-ancestors 'none'");
      assertThat(plainHttp.headers().firstValue("Referrer-Policy")).contains("no-referrer");
      assertThat(plainHttp.headers().firstValue("Strict-Transport-Security"))
          .as("HSTS only for requests that came over HTTPS").isEmpty();

      HttpResponse<String> viaTls = gateway.get("/site/index.html", "X-Forwarded-Proto", "https");
      assertThat(viaTls.headers().firstValue("Strict-Transport-Security")).contains("max-age=31536000; includeSubDomains");

      HttpResponse<String> otherRoute = gateway.get("/plain/x");
      assertThat(otherRoute.headers().firstValue("X-Frame-Options")).as("per route").isEmpty();
    }
  }

  @Test
  void theGatewaysOwnAnswersCarryThemToo() throws Exception {
    try (GatewayHarness gateway = GatewayHarness.start(config("127.0.0.1:" + closedPort(), "", ""))) {
      HttpResponse<String> response = gateway.get("/site/x");
      assertThat(response.statusCode()).isEqualTo(502);
      assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
      assertThat(response.headers().firstValue("Content-Security-Policy")).isPresent();
    }
  }

  @Test
  void hstsIsSentOnATlsListener(@TempDir Path dir) throws Exception {
    Certificates.Issued issued = Certificates.selfSigned(dir, "localhost");
    String tls = """
        listeners:
          - name: public
            host: 127.0.0.1
            port: 0
            tls:
              certificate: %s
              privateKey: %s
        """.formatted(issued.certificateFile(), issued.keyFile());
    try (TestUpstream up = TestUpstream.fixed(200, "ok");
        GatewayHarness gateway = GatewayHarness.start(config(up.address(), "", tls))) {
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
          .sslContext(trusting(issued.certificate())).connectTimeout(Duration.ofSeconds(10)).build();
      HttpResponse<String> response = client.send(HttpRequest.newBuilder(
              URI.create("https://127.0.0.1:" + gateway.port() + "/site/x")).timeout(Duration.ofSeconds(20)).build(),
          HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Strict-Transport-Security")).contains("max-age=31536000; includeSubDomains");
    }
  }

  /** A loopback port nothing listens on: a port just released. */
  private static int closedPort() throws java.io.IOException {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static SSLContext trusting(X509Certificate certificate) throws Exception {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    store.setCertificateEntry("test", certificate);
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), new SecureRandom());
    return context;
  }

  @Test
  void anUntrustedClientCannotClaimHttps() {
    try (TestUpstream up = TestUpstream.fixed(200, "ok");
        GatewayHarness gateway = GatewayHarness.start(config(up.address(), "", ""))) {
      HttpResponse<String> response = gateway.get("/site/x", "X-Forwarded-Proto", "https");
      assertThat(response.headers().firstValue("Strict-Transport-Security")).isEmpty();
    }
  }

  @Test
  void valuesCanBeChangedSwitchedOffOrForcedOverTheUpstreams() {
    try (TestUpstream up = TestUpstream.start(request -> request.response()
            .putHeader("X-Frame-Options", "SAMEORIGIN")
            .putHeader("Content-Security-Policy", "default-src 'self'")
            .end("ok"));
        GatewayHarness keeping = GatewayHarness.start(config(up.address(), """
            referrerPolicy: strict-origin-when-cross-origin
            contentTypeOptions: "off"
            hsts:
              maxAge: 2h
              includeSubDomains: false
              httpsOnly: false
            """, ""));
        GatewayHarness forcing = GatewayHarness.start(config(up.address(), """
            frameOptions: DENY
            contentSecurityPolicy: "default-src 'none'"
            override: true
            hsts:
              enabled: false
              httpsOnly: false
            """, ""))) {
      HttpResponse<String> kept = keeping.get("/site/x");
      assertThat(kept.headers().firstValue("Referrer-Policy")).contains("strict-origin-when-cross-origin");
      assertThat(kept.headers().firstValue("X-Content-Type-Options")).isEmpty();
      assertThat(kept.headers().firstValue("Strict-Transport-Security")).contains("max-age=7200");
      assertThat(kept.headers().allValues("X-Frame-Options")).as("the upstream's value is kept").containsExactly("SAMEORIGIN");
      assertThat(kept.headers().allValues("Content-Security-Policy")).containsExactly("default-src 'self'");

      HttpResponse<String> forced = forcing.get("/site/x");
      assertThat(forced.headers().allValues("X-Frame-Options")).containsExactly("DENY");
      assertThat(forced.headers().allValues("Content-Security-Policy")).containsExactly("default-src 'none'");
      assertThat(forced.headers().firstValue("Strict-Transport-Security")).isEmpty();
    }
  }
}
