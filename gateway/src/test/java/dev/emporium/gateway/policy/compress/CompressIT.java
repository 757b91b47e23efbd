package dev.emporium.gateway.policy.compress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.gateway.testing.GatewayHarness;
import dev.emporium.gateway.testing.Metrics;
import dev.emporium.gateway.testing.TestUpstream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.Test;

/** Response compression through a real gateway, alone and in front of the cache. */
class CompressIT {

  private static final String JSON = "{\"items\":[" + "{\"name\":\"blue shoe\",\"price\":42},".repeat(200) + "{}]}";

  private static String config(String upstream, String policies) {
    return """
        routes:
          - name: api
            match:
              path: /api/**
            cluster: svc
            policies:
        %s
        clusters:
          - name: svc
            endpoints:
              - address: %s
        """.formatted(policies, upstream);
  }

  private static final String COMPRESS = "      - compress: {}";

  /** Answers by path: /json, /small, /png, /encoded, /no-transform, /stream (chunked, in pieces). */
  private static TestUpstream upstream(AtomicInteger served) {
    return TestUpstream.start(request -> {
      served.incrementAndGet();
      var response = request.response();
      switch (request.path()) {
        case "/api/small" -> response.putHeader("Content-Type", "application/json").end("{\"ok\":true}");
        case "/api/png" -> response.putHeader("Content-Type", "image/png").end(JSON);
        case "/api/encoded" -> response.putHeader("Content-Type", "application/json")
            .putHeader("Content-Encoding", "br").end(JSON);
        case "/api/no-transform" -> response.putHeader("Content-Type", "application/json")
            .putHeader("Cache-Control", "no-transform").end(JSON);
        case "/api/stream" -> {
          response.putHeader("Content-Type", "text/plain").setChunked(true);
          long[] left = {20};
          io.vertx.core.Vertx vertx = io.vertx.core.Vertx.currentContext().owner();
          vertx.setPeriodic(5, id -> {
            if (left[0]-- == 0) {
              vertx.cancelTimer(id);
              response.end();
            } else {
              response.write("line " + left[0] + " " + "text ".repeat(40) + "\n");
            }
          });
        }
        default -> response.putHeader("Content-Type", "application/json; charset=utf-8")
            .putHeader("ETag", "\"j1\"").putHeader("Cache-Control", "public, max-age=60").end(JSON);
      }
    });
  }

  private static HttpResponse<byte[]> get(GatewayHarness gateway, String path, String... headers) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(gateway.url(path))).timeout(Duration.ofSeconds(30));
    for (int i = 0; i + 1 < headers.length; i += 2) builder.header(headers[i], headers[i + 1]);
    try {
      return gateway.client().send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String decoded(HttpResponse<byte[]> r) {
    String encoding = r.headers().firstValue("Content-Encoding").orElse("identity");
    try {
      InputStream in = switch (encoding) {
        case "gzip" -> new GZIPInputStream(new ByteArrayInputStream(r.body()));
        case "deflate" -> new InflaterInputStream(new ByteArrayInputStream(r.body()));
        default -> new ByteArrayInputStream(r.body());
      };
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void compressesWithGzipForClientsThatAcceptIt() {
    try (TestUpstream up = upstream(new AtomicInteger());
        GatewayHarness gateway = GatewayHarness.start(config(up.address(), COMPRESS))) {
      HttpResponse<byte[]> r = get(gateway, "/api/json", "Accept-Encoding", "gzip, deflate, br");
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Encoding")).contains("gzip");
      assertThat(r.headers().allValues("Vary")).contains("Accept-Encoding");
      assertThat(r.headers().firstValue("ETag")).contains("W/\"j1\"");
      assertThat(r.body().length).isLessThan(JSON.length() / 5);
      r.headers().firstValue("Content-Length").ifPresent(l -> assertThat(Integer.parseInt(l)).isEqualTo(r.body().length));
      assertThat(decoded(r)).isEqualTo(JSON);

      String scrape = Metrics.scrape(gateway);
      assertThat(Metrics.value(scrape, "gateway_compress_responses_total", "route", "api", "encoding", "gzip")).isEqualTo(1.0);
      assertThat(Metrics.value(scrape, "gateway_compress_bytes_total", "route", "api", "stage", "in")).isEqualTo(JSON.length());
    }
  }

  @Test
  void sendsTheBodyAsItIsToClientsThatDoNotAcceptAnEncodingButStillVaries() {
    try (TestUpstream up = upstream(new AtomicInteger());
        GatewayHarness gateway = GatewayHarness.start(config(up.address(), COMPRESS))) {
      for (String[] headers : new String[][] {{}, {"Accept-Encoding", "identity"}, {"Accept-Encoding", "gzip;q=0, br"}}) {
        HttpResponse<byte[]> r = get(gateway, "/api/json", headers);
        assertThat(r.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(r.headers().allValues("Vary")).contains("Accept-Encoding");
        assertThat(r.headers().firstValue("ETag")).contains("\"j1\"");
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(JSON);
      }
    }
  }

  @Test
  void usesDeflateWhenTheClientWeighsItHigher() {
    try (TestUpstream up = upstream(new AtomicInteger());
        GatewayHarness gateway = GatewayHarness.start(config(up.address(), COMPRESS))) {
      HttpResponse<byte[]> r = get(gateway, "/api/json", "Accept-Encoding", "gzip;q=0.4, deflate;q=0.9");
      assertThat(r.headers().firstValue("Content-Encoding")).contains("deflate");
      assertThat(decoded(r)).isEqualTo(JSON);
    }
  }

  @Test
  void leavesSmallEncodedNoTransformAndOtherTypesAlone() {
    try (TestUpstream up = upstream(new AtomicInteger());
        GatewayHarness gateway = GatewayHarness.start(config(up.address(), COMPRESS))) {
      HttpResponse<byte[]> small = get(gateway, "/api/small", "Accept-Encoding", "gzip");
      assertThat(small.headers().firstValue("Content-Encoding")).isEmpty();
      assertThat(new String(small.body(), StandardCharsets.UTF_8)).isEqualTo("{\"ok\":true}");

      HttpResponse<byte[]> encoded = get(gateway, "/api/encoded", "Accept-Encoding", "gzip");
      assertThat(encoded.headers().firstValue("Content-Encoding")).contains("br");
      assertThat(new String(encoded.body(), StandardCharsets.UTF_8)).isEqualTo(JSON);

      HttpResponse<byte[]> noTransform = get(gateway, "/api/no-transform", "Accept-Encoding", "gzip");
      assertThat(noTransform.headers().firstValue("Content-Encoding")).isEmpty();

      HttpResponse<byte[]> png = get(gateway, "/api/png", "Accept-Encoding", "gzip");
      assertThat(png.headers().firstValue("Content-Encoding")).isEmpty();
      assertThat(png.headers().allValues("Vary")).doesNotContain("Accept-Encoding");
      assertThat(png.body()).hasSize(JSON.length());
    }
  }

  @Test
  void compressesAStreamedBodyPieceByPiece() {
    try (TestUpstream up = upstream(new AtomicInteger());
        GatewayHarness gateway = GatewayHarness.start(config(up.address(), COMPRESS))) {
      HttpResponse<byte[]> r = get(gateway, "/api/stream", "Accept-Encoding", "gzip");
      assertThat(r.headers().firstValue("Content-Encoding")).contains("gzip");
      assertThat(r.headers().firstValue("Transfer-Encoding")).contains("chunked");
      String text = decoded(r);
      assertThat(text.lines()).hasSize(20);
      assertThat(text).startsWith("line 19 ").endsWith("line 0 " + "text ".repeat(40) + "\n");
    }
  }

  @Test
  void inFrontOfTheCacheStoresOnceAndCompressesPerClient() {
    AtomicInteger served = new AtomicInteger();
    try (TestUpstream up = upstream(served);
        GatewayHarness gateway = GatewayHarness.start(config(up.address(), COMPRESS + "\n      - cache: {}"))) {
      HttpResponse<byte[]> gzipMiss = get(gateway, "/api/json", "Accept-Encoding", "gzip");
      assertThat(gzipMiss.headers().firstValue("X-Cache")).contains("MISS");
      assertThat(gzipMiss.headers().firstValue("Content-Encoding")).contains("gzip");
      assertThat(decoded(gzipMiss)).isEqualTo(JSON);

      HttpResponse<byte[]> plainHit = get(gateway, "/api/json");
      assertThat(plainHit.headers().firstValue("X-Cache")).contains("HIT");
      assertThat(plainHit.headers().firstValue("Content-Encoding")).isEmpty();
      assertThat(new String(plainHit.body(), StandardCharsets.UTF_8)).isEqualTo(JSON);

      HttpResponse<byte[]> deflateHit = get(gateway, "/api/json", "Accept-Encoding", "deflate");
      assertThat(deflateHit.headers().firstValue("X-Cache")).contains("HIT");
      assertThat(deflateHit.headers().firstValue("Content-Encoding")).contains("deflate");
      assertThat(decoded(deflateHit)).isEqualTo(JSON);

      HttpResponse<byte[]> notModified = get(gateway, "/api/json", "Accept-Encoding", "gzip", "If-None-Match",
          gzipMiss.headers().firstValue("ETag").orElseThrow());
      assertThat(notModified.statusCode()).isEqualTo(304);
      assertThat(served.get()).isEqualTo(1);
    }
  }

  @Test
  void refusesUnsupportedEncodingsWithTheField() {
    try (TestUpstream up = TestUpstream.echo()) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() ->
              GatewayHarness.start(config(up.address(), "      - compress: {encodings: [br]}")))
          .hasMessageContaining("routes[0].policies[0].compress").hasMessageContaining("br");
      org.assertj.core.api.Assertions.assertThatThrownBy(() ->
              GatewayHarness.start(config(up.address(), "      - compress: {level: 12}")))
          .hasMessageContaining("level");
    }
  }
}
