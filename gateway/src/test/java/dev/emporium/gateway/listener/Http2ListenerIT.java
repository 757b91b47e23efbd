package dev.emporium.gateway.listener;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.gateway.testing.Certificates;
import dev.emporium.gateway.testing.GatewayHarness;
import dev.emporium.gateway.testing.TestUpstream;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP/2 from clients: over TLS by ALPN, and in clear text with prior knowledge. The upstream
 * stays HTTP/1.1, and sees exactly the framing an HTTP/1.1 client would have sent.
 */
class Http2ListenerIT {

  @TempDir
  static Path dir;
  static TestUpstream upstream;
  static GatewayHarness gateway;
  static Certificates.Issued certificate;
  static Vertx clientVertx;

  @BeforeAll
  static void start() {
    upstream = TestUpstream.start(request -> request.body().onSuccess(body -> request.response()
        .putHeader("Content-Type", "application/json")
        .end(new JsonObject()
            .put("version", request.version().name())
            .put("method", request.method().name())
            .put("uri", request.uri())
            .put("transferEncoding", request.getHeader("Transfer-Encoding"))
            .put("contentLength", request.getHeader("Content-Length"))
            .put("body", body.toString())
            .toBuffer())));
    certificate = Certificates.selfSigned(dir, "h2.test");
    gateway = GatewayHarness.start("""
        listeners:
          - name: public
            host: 127.0.0.1
            port: 0
          - name: secure
            host: 127.0.0.1
            port: 0
            tls:
              certificate: %s
              privateKey: %s
        routes:
          - name: all
            match:
              path: /**
            cluster: backend
        clusters:
          - name: backend
            endpoints:
              - address: %s
        """.formatted(certificate.certificateFile(), certificate.keyFile(), upstream.address()));
    clientVertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    clientVertx.close().await();
    gateway.close();
    upstream.close();
  }

  private static HttpClient alpnClient() throws Exception {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
        .sslContext(TlsListenerIT.trusting(certificate.certificate()))
        .connectTimeout(Duration.ofSeconds(15)).build();
  }

  private static String secureUrl(String path) {
    return "https://127.0.0.1:" + gateway.gateway().port("secure") + path;
  }

  @Test
  void speaksHttp2OverTlsChosenByAlpn() throws Exception {
    HttpResponse<String> response = alpnClient().send(HttpRequest.newBuilder(URI.create(secureUrl("/h2?x=1")))
        .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject seen = new JsonObject(response.body());
    assertThat(seen.getString("version")).isEqualTo("HTTP_1_1");
    assertThat(seen.getString("uri")).isEqualTo("/h2?x=1");
    assertThat(seen.getString("transferEncoding")).as("a bodyless GET is not sent chunked").isNull();
    assertThat(response.headers().firstValue("x-request-id")).isPresent();
  }

  @Test
  void forwardsAnHttp2PostBodyOverTls() throws Exception {
    HttpResponse<String> response = alpnClient().send(HttpRequest.newBuilder(URI.create(secureUrl("/h2post")))
            .POST(HttpRequest.BodyPublishers.ofString("{\"qty\":3}")).timeout(Duration.ofSeconds(20)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
    JsonObject seen = new JsonObject(response.body());
    assertThat(seen.getString("method")).isEqualTo("POST");
    assertThat(seen.getString("body")).isEqualTo("{\"qty\":3}");
    assertThat(seen.getString("version")).isEqualTo("HTTP_1_1");
  }

  @Test
  void answersAnHttp2ErrorWithAProblem() throws Exception {
    HttpResponse<String> response = alpnClient().send(HttpRequest.newBuilder(URI.create(secureUrl("/a/%2e%2e%2f")))
        .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("content-type")).contains("application/problem+json");
  }

  private static HttpClientAgent h2cClient() {
    return clientVertx.createHttpClient(new HttpClientOptions()
        .setProtocolVersion(HttpVersion.HTTP_2)
        .setHttp2ClearTextUpgrade(false)
        .setDefaultHost("127.0.0.1")
        .setDefaultPort(gateway.port()));
  }

  private static Response h2c(HttpMethod method, String uri, String body) throws Exception {
    HttpClientAgent client = h2cClient();
    try {
      return client.request(new RequestOptions().setMethod(method).setURI(uri))
          .compose(request -> (body == null ? request.send() : request.send(Buffer.buffer(body)))
              .compose(response -> response.body().map(b -> new Response(response, b.toString()))))
          .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } finally {
      client.close();
    }
  }

  private record Response(HttpClientResponse response, String body) {}

  @Test
  void speaksHttp2InClearTextWithPriorKnowledge() throws Exception {
    Response r = h2c(HttpMethod.GET, "/h2c", null);
    assertThat(r.response().version()).isEqualTo(HttpVersion.HTTP_2);
    assertThat(r.response().statusCode()).isEqualTo(200);
    JsonObject seen = new JsonObject(r.body());
    assertThat(seen.getString("version")).isEqualTo("HTTP_1_1");
    assertThat(seen.getString("transferEncoding")).as("a bodyless GET is not sent chunked").isNull();
    assertThat(seen.getString("body")).isEmpty();
  }

  @Test
  void forwardsAnH2cPostBody() throws Exception {
    Response r = h2c(HttpMethod.POST, "/h2c-post", "hello over h2c");
    assertThat(r.response().version()).isEqualTo(HttpVersion.HTTP_2);
    JsonObject seen = new JsonObject(r.body());
    assertThat(seen.getString("method")).isEqualTo("POST");
    assertThat(seen.getString("body")).isEqualTo("hello over h2c");
  }

  @Test
  void announcesTheHeaderLimitToHttp2Clients() throws Exception {
    int before = upstream.requestCount();
    HttpClientAgent client = h2cClient();
    try {
      // A well-behaved client refuses to send a header block over the limit the gateway set in
      // its SETTINGS (limits.maxHeaderSize, 16KiB by default).
      Throwable refused = client.request(new RequestOptions().setURI("/big").putHeader("X-Big", "b".repeat(20_000)))
          .compose(request -> request.send())
          .map(response -> (Throwable) null)
          .otherwise(e -> e)
          .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      assertThat(refused).isNotNull().hasMessageContaining("16384");
    } finally {
      client.close();
    }
    assertThat(upstream.requestCount()).isEqualTo(before);
  }

  @Test
  void keepsServingHttp1OnTheSameClearTextPort() {
    HttpResponse<String> response = gateway.get("/h1");
    assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
    assertThat(new JsonObject(response.body()).getString("uri")).isEqualTo("/h1");
  }
}
