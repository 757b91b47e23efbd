package dev.emporium.gateway.policy.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.gateway.testing.GatewayHarness;
import dev.emporium.gateway.testing.Metrics;
import dev.emporium.gateway.testing.RecordedRequest;
import dev.emporium.gateway.testing.TestUpstream;
import io.vertx.core.http.HttpServerRequest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The response cache through a real gateway in front of a real upstream. */
class CacheIT {

  static String config(String upstream, String cacheSettings, String topLevel) {
    return """
        %s
        routes:
          - name: products
            match:
              path: /api/products/**
            cluster: svc
            policies:
              - test-subject: {}
              - cache: {%s}
          - name: plain
            match:
              path: /api/plain/**
            cluster: svc
        clusters:
          - name: svc
            endpoints:
              - address: %s
            retry:
              retries: 0
            outlierDetection:
              enabled: false
        """.formatted(topLevel, cacheSettings, upstream);
  }

  /** An upstream that answers with "body for <path> #<n>" and the headers the test chooses. */
  static TestUpstream origin(AtomicInteger served, String... headers) {
    return TestUpstream.start(request -> answer(request, served, headers));
  }

  static void answer(HttpServerRequest request, AtomicInteger served, String... headers) {
    int n = served.incrementAndGet();
    var response = request.response().putHeader("Content-Type", "text/plain");
    for (int i = 0; i + 1 < headers.length; i += 2) response.putHeader(headers[i], headers[i + 1]);
    response.end("body for " + request.path() + " #" + n);
  }

  static String xCache(HttpResponse<?> r) {
    return r.headers().firstValue("X-Cache").orElse("none");
  }

  @Test
  void servesARepeatedGetFromTheCache() {
    AtomicInteger served = new AtomicInteger();
    try (TestUpstream up = origin(served);
        GatewayHarness gateway = GatewayHarness.start(config(up.address(), "", ""))) {
      HttpResponse<String> first = gateway.get("/api/products/1");
      HttpResponse<String> second = gateway.get("/api/products/1");

      assertThat(first.statusCode()).isEqualTo(200);
      assertThat(xCache(first)).isEqualTo("MISS");
      assertThat(xCache(second)).isEqualTo("HIT");
      assertThat(second.body()).isEqualTo(first.body()).isEqualTo("body for /api/products/1 #1");
      assertThat(second.headers().firstValue("Age")).isPresent();
      assertThat(second.headers().firstValue("X-Request-Id")).isPresent()
          .isNotEqualTo(first.headers().firstValue("X-Request-Id"));
      assertThat(up.requestCount()).isEqualTo(1);
      assertThat(xCache(gateway.get("/api/plain/1"))).isEqualTo("none");

      String scrape = Metrics.scrape(gateway);
      assertThat(Metrics.value(scrape, "gateway_cache_requests_total", "route", "products", "result", "hit")).isEqualTo(1.0);
      assertThat(Metrics.value(scrape, "gateway_cache_requests_total", "route", "products", "result", "miss")).isEqualTo(1.0);
      assertThat(Metrics.value(scrape, "gateway_cache_bytes")).isGreaterThan(0);
    }
  }

  @Test
  void queryParametersInAnyOrderShareAnEntryButDifferentValuesDoNot() {
    AtomicInteger served = new AtomicInteger();
    try (TestUpstream up = origin(served);
        GatewayHarness gateway = GatewayHarness.start(config(up.address(), "", ""))) {
      assertThat(xCache(gateway.get("/api/products/search?q=shoe&page=2"))).isEqualTo("MISS");
      assertThat(xCache(gateway.get("/api/products/search?page=2&q=shoe"))).isEqualTo("HIT");
      assertThat(xCache(gateway.get("/api/products/search?page=3&q=shoe"))).isEqualTo("MISS");
      assertThat(xCache(gateway.get("/api/products//search?q=shoe&page=2"))).isEqualTo("HIT");
    }
  }

  @Test
  void neverLeaksOneCallersResponseToAnother() {
    AtomicInteger served = new AtomicInteger();
    try (TestUpstream up = TestUpstream.start(request -> {
          String who = request.getHeader("X-User-Id") != null ? request.getHeader("X-User-Id")
              : request.getHeader("Authorization") != null ? request.getHeader("Authorization") : "nobody";
          served.incrementAndGet();
          request.response().putHeader("Cache-Control", "max-age=60").end("orders of " + who);
        });
        GatewayHarness gateway = GatewayHarness.start(config(up.address(), "", ""))) {
      HttpResponse<String> alice = gateway.get("/api/products/mine", "Authorization", "Bearer alice");
      HttpResponse<String> bob = gateway.get("/api/products/mine", "Authorization", "Bearer bob");
      HttpResponse<String> aliceAgain = gateway.get("/api/products/mine", "Authorization", "Bearer alice");
      HttpResponse<String> anonymous = gateway.get("/api/products/mine");
      HttpResponse<String> carol = gateway.get("/api/products/mine", "X-Test-Subject", "carol");
      HttpResponse<String> dave = gateway.get("/api/products/mine", "X-Test-Subject", "dave");

      assertThat(alice.body()).isEqualTo("orders of Bearer alice");
      assertThat(bob.body()).isEqualTo("orders of Bearer bob");
      assertThat(xCache(bob)).isEqualTo("MISS");
      assertThat(aliceAgain.body()).isEqualTo("orders of Bearer alice");
      assertThat(xCache(aliceAgain)).isEqualTo("HIT");
      assertThat(anonymous.body()).isEqualTo("orders of nobody");
      assertThat(carol.body()).isEqualTo("orders of carol");
      assertThat(dave.body()).isEqualTo("orders of dave");
      assertThat(served.get()).isEqualTo(5);
    }
  }

  @Test
  void sharesExplicitlyPublicResponsesAmongCallers() {
    AtomicInteger served = new AtomicInteger();
    try (TestUpstream up = origin(served, "Cache-Control", "public, max-age=60");
        GatewayHarness gateway = GatewayHarness.start(config(up.address(), "", ""))) {
      assertThat(xCache(gateway.get("/api/products/1", "Authorization", "Bearer alice"))).isEqualTo("MISS");
      HttpResponse<String> bob = gateway.get("/api/products/1", "Authorization", "Bearer bob");
      assertThat(xCache(bob)).isEqualTo("HIT");
      assertThat(bob.body()).isEqualTo("body for /api/products/1 #1");
      up.behave(request -> answer(request, served, "Cache-Control", "s-maxage=60"));
      assertThat(xCache(gateway.get("/api/products/2", "X-Test-Subject", "carol"))).isEqualTo("MISS");
      assertThat(xCache(gateway.get("/api/products/2", "X-Test-Subject", "dave"))).isEqualTo("HIT");
    }
  }

  @Test
  void neverCachesPrivateNoStoreOrCookieSettingResponses() {
    AtomicInteger served = new AtomicInteger();
    try (TestUpstream up = TestUpstream.start(request -> {
          String path = request.path();
          String[] headers = path.endsWith("/private") ? new String[] {"Cache-Control", "private, max-age=60"}
              : path.endsWith("/no-store") ? new String[] {"Cache-Control", "no-store"}
              : path.endsWith("/cookie") ? new String[] {"Cache-Control", "public, max-age=60", "Set-Cookie", "session=s3cret"}
              : new String[] {"Vary", "*"};
          answer(request, served, headers);
        });
        GatewayHarness gateway = GatewayHarness.start(config(up.address(), "", ""))) {
      for (String path : new String[] {"/api/products/private", "/api/products/no-store", "/api/products/cookie",
          "/api/products/vary-star"}) {
        HttpResponse<String> first = gateway.get(path, "Authorization", "Bearer alice");
        HttpResponse<String> second = gateway.get(path, "Authorization", "Bearer alice");
        assertThat(xCache(first)).as(path).isEqualTo("MISS");
        assertThat(xCache(second)).as(path).isEqualTo("MISS");
        assertThat(second.body()).as(path).endsWith("#" + served.get());
      }
      assertThat(served.get()).isEqualTo(8);
    }
  }

  @Test
  void keepsVariantsApartByTheRequestHeadersNamedInVary() {
    AtomicInteger served = new AtomicInteger();
    try (TestUpstream up = TestUpstream.start(request -> {
          served.incrementAndGet();
          request.response().putHeader("Vary", "Accept-Language").putHeader("Cache-Control", "public, max-age=60")
              .end("greeting in " + request.getHeader("Accept-Language"));
        });
        GatewayHarness gateway = GatewayHarness.start(config(up.address(), "", ""))) {
      assertThat(gateway.get("/api/products/hello", "Accept-Language", "en").body()).isEqualTo("greeting in en");
      HttpResponse<String> fr = gateway.get("/api/products/hello", "Accept-Language", "fr");
      assertThat(fr.body()).isEqualTo("greeting in fr");
      assertThat(xCache(fr)).isEqualTo("MISS");
      HttpResponse<String> en = gateway.get("/api/products/hello", "Accept-Language", "en");
      assertThat(en.body()).isEqualTo("greeting in en");
      assertThat(xCache(en)).isEqualTo("HIT");
      assertThat(xCache(gateway.get("/api/products/hello", "Accept-Language", "fr"))).isEqualTo("HIT");
      assertThat(served.get()).isEqualTo(2);
    }
  }

  @Test
  void entriesExpireAfterTheRouteTtlOrTheUpstreamsMaxAge() throws Exception {
    AtomicInteger served = new AtomicInteger();
    try (TestUpstream up = TestUpstream.start(request -> {
          if (request.path().endsWith("/short")) answer(request, served, "Cache-Control", "max-age=1");
          else answer(request, served);
        });
        GatewayHarness gateway = GatewayHarness.start(config(up.address(), "ttl: 1s, keepStale: 0s, staleIfError: 0s", ""))) {
      assertThat(xCache(gateway.get("/api/products/default"))).isEqualTo("MISS");
      assertThat(xCache(gateway.get("/api/products/default"))).isEqualTo("HIT");
      assertThat(xCache(gateway.get("/api/products/short"))).isEqualTo("MISS");
      assertThat(xCache(gateway.get("/api/products/short"))).isEqualTo("HIT");
      Thread.sleep(1_300);
      HttpResponse<String> expired = gateway.get("/api/products/default");
      assertThat(xCache(expired)).isEqualTo("MISS");
      assertThat(expired.body()).endsWith("#3");
      assertThat(xCache(gateway.get("/api/products/short"))).isEqualTo("MISS");
      assertThat(served.get()).isEqualTo(4);
    }
  }

  @Test
  void revalidatesAStaleEntryWithItsEtag() throws Exception {
    AtomicInteger served = new AtomicInteger();
    AtomicReference<String> version = new AtomicReference<>("\"v1\"");
    try (TestUpstream up = TestUpstream.start(request -> {
          String etag = version.get();
          if (etag.equals(request.getHeader("If-None-Match"))) {
            request.response().setStatusCode(304).putHeader("ETag", etag).putHeader("Cache-Control", "max-age=1").end();
            return;
          }
          answer(request, served, "ETag", etag, "Cache-Control", "max-age=1");
        });
        GatewayHarness gateway = GatewayHarness.start(config(up.address(), "", ""))) {
      assertThat(gateway.get("/api/products/1").body()).endsWith("#1");
      up.drain();
      Thread.sleep(1_200);

      HttpResponse<String> revalidated = gateway.get("/api/products/1");
      RecordedRequest conditional = up.take();
      assertThat(conditional.headers().get("If-None-Match")).isEqualTo("\"v1\"");
      assertThat(revalidated.statusCode()).isEqualTo(200);
      assertThat(xCache(revalidated)).isEqualTo("REVALIDATED");
      assertThat(revalidated.body()).isEqualTo("body for /api/products/1 #1");
      assertThat(xCache(gateway.get("/api/products/1"))).isEqualTo("HIT");

      version.set("\"v2\"");
      Thread.sleep(1_200);
      HttpResponse<String> changed = gateway.get("/api/products/1");
      assertThat(xCache(changed)).isEqualTo("MISS");
      assertThat(changed.body()).endsWith("#2");
      assertThat(changed.headers().firstValue("ETag")).contains("\"v2\"");
      assertThat(gateway.get("/api/products/1").body()).endsWith("#2");
    }
  }

  @Test
  void answersAClientsMatchingIfNoneMatchWith304() {
    AtomicInteger served = new AtomicInteger();
    try (TestUpstream up = origin(served, "ETag", "\"v1\"", "Cache-Control", "max-age=60");
        GatewayHarness gateway = GatewayHarness.start(config(up.address(), "", ""))) {
      // Cold cache: the upstream is asked for the full response, which fills the cache.
      HttpResponse<String> cold = gateway.get("/api/products/1", "If-None-Match", "\"v1\"");
      assertThat(cold.statusCode()).isEqualTo(304);
      assertThat(cold.body()).isEmpty();
      assertThat(up.take().headers().get("If-None-Match")).isNull();

      HttpResponse<String> warm = gateway.get("/api/products/1", "If-None-Match", "W/\"v1\", \"other\"");
      assertThat(warm.statusCode()).isEqualTo(304);
      assertThat(xCache(warm)).isEqualTo("HIT");
      assertThat(warm.headers().firstValue("ETag")).contains("\"v1\"");

      HttpResponse<String> other = gateway.get("/api/products/1", "If-None-Match", "\"v0\"");
      assertThat(other.statusCode()).isEqualTo(200);
      assertThat(other.body()).isEqualTo("body for /api/products/1 #1");
      assertThat(served.get()).isEqualTo(1);
    }
  }

  @Test
  void servesStaleWhenTheUpstreamFailsOrStops() throws Exception {
    AtomicInteger served = new AtomicInteger();
    TestUpstream up = TestUpstream.start(request -> {
      if (request.path().endsWith("/strict")) answer(request, served, "Cache-Control", "max-age=1, must-revalidate");
      else answer(request, served, "Cache-Control", "max-age=1");
    });
    String config = config(up.address(), "staleIfError: 1m", "");
    try (GatewayHarness gateway = GatewayHarness.start(config)) {
      assertThat(gateway.get("/api/products/1").body()).endsWith("#1");
      assertThat(gateway.get("/api/products/strict").body()).endsWith("#2");
      Thread.sleep(1_200);

      up.behave(request -> request.response().setStatusCode(503).end("down"));
      HttpResponse<String> stale = gateway.get("/api/products/1");
      assertThat(stale.statusCode()).isEqualTo(200);
      assertThat(xCache(stale)).isEqualTo("STALE");
      assertThat(stale.body()).isEqualTo("body for /api/products/1 #1");
      HttpResponse<String> strict = gateway.get("/api/products/strict");
      assertThat(strict.statusCode()).isEqualTo(503);
      assertThat(xCache(strict)).isEqualTo("MISS");

      up.close();
      HttpResponse<String> stopped = gateway.get("/api/products/1");
      assertThat(stopped.statusCode()).isEqualTo(200);
      assertThat(xCache(stopped)).isEqualTo("STALE");
      assertThat(stopped.body()).isEqualTo("body for /api/products/1 #1");
      assertThat(gateway.get("/api/products/never-cached").statusCode()).isEqualTo(502);
      assertThat(Metrics.value(Metrics.scrape(gateway), "gateway_cache_requests_total", "route", "products",
          "result", "stale")).isEqualTo(2.0);
    } finally {
      up.close();
    }
  }

  @Test
  void purgesByRouteAndPrefixThroughTheAdminApi() {
    AtomicInteger served = new AtomicInteger();
    try (TestUpstream up = origin(served, "Cache-Control", "public, max-age=300");
        GatewayHarness gateway = GatewayHarness.start(config(up.address(), "", ""))) {
      gateway.get("/api/products/1");
      gateway.get("/api/products/1/reviews");
      gateway.get("/api/products/2");

      assertThat(purge(gateway, "{\"prefix\":\"/api/products/1\"}", true).statusCode()).isEqualTo(401);
      HttpResponse<String> purged = purge(gateway, "{\"route\":\"products\",\"prefix\":\"/api/products/1\"}", false);
      assertThat(purged.statusCode()).isEqualTo(200);
      assertThat(new io.vertx.core.json.JsonObject(purged.body()).getLong("purged")).isEqualTo(2L);

      assertThat(xCache(gateway.get("/api/products/1"))).isEqualTo("MISS");
      assertThat(xCache(gateway.get("/api/products/1/reviews"))).isEqualTo("MISS");
      assertThat(xCache(gateway.get("/api/products/2"))).isEqualTo("HIT");

      HttpResponse<String> all = purge(gateway, "{\"route\":\"products\"}", false);
      assertThat(new io.vertx.core.json.JsonObject(all.body()).getLong("purged")).isEqualTo(3L);
      assertThat(xCache(gateway.get("/api/products/2"))).isEqualTo("MISS");

      HttpResponse<String> bad = purge(gateway, "{\"prefix\":\"api\"}", false);
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(bad.body()).contains("prefix");
      assertThat(purge(gateway, "{}", false).statusCode()).isEqualTo(400);
      assertThat(purge(gateway, "[1]", false).statusCode()).isEqualTo(400);
    }
  }

  static HttpResponse<String> purge(GatewayHarness gateway, String json, boolean withoutToken) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(gateway.adminUrl("/admin/cache/purge")))
        .POST(HttpRequest.BodyPublishers.ofString(json)).header("Content-Type", "application/json");
    return withoutToken ? gateway.send(builder)
        : gateway.send(builder, "Authorization", "Bearer " + GatewayHarness.ADMIN_TOKEN);
  }

  @Test
  void evictsEntriesWhenOverTheByteBudget() {
    String big = "x".repeat(20_000);
    AtomicInteger served = new AtomicInteger();
    try (TestUpstream up = TestUpstream.start(request -> {
          served.incrementAndGet();
          request.response().putHeader("Cache-Control", "public, max-age=300").end(big);
        });
        GatewayHarness gateway = GatewayHarness.start(config(up.address(), "", "cache:\n  maxSize: 64KiB\n"))) {
      for (int i = 0; i < 10; i++) assertThat(gateway.get("/api/products/" + i).body()).hasSize(20_000);
      String scrape = Metrics.scrape(gateway);
      assertThat(Metrics.value(scrape, "gateway_cache_bytes")).isLessThanOrEqualTo(64 * 1024);
      assertThat(Metrics.value(scrape, "gateway_cache_max_bytes")).isEqualTo(64 * 1024);
      assertThat(Metrics.value(scrape, "gateway_cache_evictions_total", "cause", "size")).isGreaterThanOrEqualTo(7.0);
      int hits = 0;
      for (int i = 0; i < 10; i++) {
        HttpResponse<String> again = gateway.get("/api/products/" + i);
        assertThat(again.body()).hasSize(20_000);
        if (xCache(again).equals("HIT")) hits++;
      }
      assertThat(hits).isBetween(1, 3);
    }
  }

  @Test
  void answersHeadFromAGetEntryButNeverStoresAHeadResponse() {
    AtomicInteger served = new AtomicInteger();
    try (TestUpstream up = origin(served, "Cache-Control", "max-age=60");
        GatewayHarness gateway = GatewayHarness.start(config(up.address(), "", ""))) {
      HttpResponse<String> headFirst = head(gateway, "/api/products/9");
      assertThat(xCache(headFirst)).isEqualTo("MISS");
      assertThat(xCache(head(gateway, "/api/products/9"))).isEqualTo("MISS");

      HttpResponse<String> get = gateway.get("/api/products/1");
      HttpResponse<String> head = head(gateway, "/api/products/1");
      assertThat(xCache(head)).isEqualTo("HIT");
      assertThat(head.statusCode()).isEqualTo(200);
      assertThat(head.body()).isEmpty();
      assertThat(head.headers().firstValue("Content-Length")).contains(Integer.toString(get.body().length()));
      assertThat(served.get()).isEqualTo(3);
    }
  }

  static HttpResponse<String> head(GatewayHarness gateway, String path) {
    return gateway.send(HttpRequest.newBuilder(URI.create(gateway.url(path))).method("HEAD",
        HttpRequest.BodyPublishers.noBody()));
  }

  @Test
  void streamsBodiesOverTheEntryLimitThroughUncached() {
    String large = "y".repeat(5_000);
    AtomicInteger served = new AtomicInteger();
    try (TestUpstream up = TestUpstream.start(request -> {
          served.incrementAndGet();
          var response = request.response().putHeader("Cache-Control", "public, max-age=60");
          if (request.path().endsWith("/chunked")) {
            response.setChunked(true);
            for (int i = 0; i < 5; i++) response.write(large.substring(i * 1000, (i + 1) * 1000));
            response.end();
          } else if (request.path().endsWith("/small")) {
            response.end("small");
          } else {
            response.end(large);
          }
        });
        GatewayHarness gateway = GatewayHarness.start(config(up.address(), "maxEntrySize: 2KiB", ""))) {
      for (String path : new String[] {"/api/products/large", "/api/products/chunked"}) {
        for (int i = 0; i < 2; i++) {
          HttpResponse<String> r = gateway.get(path);
          assertThat(r.statusCode()).isEqualTo(200);
          assertThat(r.body()).as(path).isEqualTo(large);
          assertThat(xCache(r)).as(path).isEqualTo("MISS");
        }
      }
      gateway.get("/api/products/small");
      assertThat(xCache(gateway.get("/api/products/small"))).isEqualTo("HIT");
      assertThat(served.get()).isEqualTo(5);
    }
  }

  @Test
  void clientNoCacheRevalidatesUnlessTheRouteIgnoresClients() {
    AtomicInteger served = new AtomicInteger();
    try (TestUpstream up = origin(served, "Cache-Control", "public, max-age=60");
        GatewayHarness honouring = GatewayHarness.start(config(up.address(), "", ""));
        GatewayHarness ignoring = GatewayHarness.start(config(up.address(), "clientDirectives: ignore", ""))) {
      honouring.get("/api/products/1");
      HttpResponse<String> reload = honouring.get("/api/products/1", "Cache-Control", "no-cache");
      assertThat(xCache(reload)).isEqualTo("MISS");
      assertThat(reload.body()).endsWith("#2");
      assertThat(xCache(honouring.get("/api/products/1"))).isEqualTo("HIT");
      HttpResponse<String> noStore = honouring.get("/api/products/1", "Cache-Control", "no-store");
      assertThat(xCache(noStore)).isEqualTo("BYPASS");
      assertThat(noStore.body()).endsWith("#3");
      assertThat(honouring.get("/api/products/1").body()).endsWith("#2");

      ignoring.get("/api/products/1");
      assertThat(xCache(ignoring.get("/api/products/1", "Cache-Control", "no-cache"))).isEqualTo("HIT");
      assertThat(xCache(ignoring.get("/api/products/1", "Pragma", "no-cache"))).isEqualTo("HIT");
      assertThat(served.get()).isEqualTo(4);
    }
  }

  @Test
  void refusesBadSettingsWithTheField() {
    try (TestUpstream up = TestUpstream.echo()) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() ->
              GatewayHarness.start(config(up.address(), "statuses: [500]", "")))
          .hasMessageContaining("routes[0].policies[1].cache").hasMessageContaining("500");
      org.assertj.core.api.Assertions.assertThatThrownBy(() ->
              GatewayHarness.start(config(up.address(), "", "cache:\n  redis:\n    uri: http://x\n")))
          .hasMessageContaining("cache.redis.uri");
    }
  }

  static int closedPort() {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void closedUpstreamWithoutAnEntryIsTheGatewaysOwnError() {
    try (GatewayHarness gateway = GatewayHarness.start(config("127.0.0.1:" + closedPort(), "", ""))) {
      HttpResponse<String> r = gateway.get("/api/products/1");
      assertThat(r.statusCode()).isEqualTo(502);
      assertThat(xCache(r)).isEqualTo("MISS");
    }
  }
}
