package dev.emporium.gateway.policy.fault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.gateway.testing.GatewayHarness;
import dev.emporium.gateway.testing.Metrics;
import dev.emporium.gateway.testing.Problems;
import dev.emporium.gateway.testing.TestUpstream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Fault injection for drills: exact at shares 0 and 1, statistical in between, delays without blocking. */
class FaultInjectionIT {

  private TestUpstream upstream;

  @BeforeEach
  void startUpstream() {
    upstream = TestUpstream.fixed(200, "ok");
  }

  @AfterEach
  void stopUpstream() {
    upstream.close();
  }

  private GatewayHarness start(String settings) {
    return GatewayHarness.start("""
        routes:
          - name: drill
            match:
              path: /drill
            cluster: svc
            policies:
              - fault-injection:
        %s
          - name: calm
            match:
              path: /calm
            cluster: svc
        clusters:
          - name: svc
            endpoints:
              - address: %s
        """.formatted(settings.indent(10).stripTrailing(), upstream.address()));
  }

  private static double metric(GatewayHarness g, String fault) {
    double v = Metrics.value(Metrics.scrape(g), "gateway_fault_injections_total", "route", "drill", "fault", fault);
    return Double.isNaN(v) ? 0 : v;
  }

  @Test
  void anAbortShareOfOneAbortsEveryRequestWithTheConfiguredStatus() {
    try (GatewayHarness g = start("abort: {status: 418, share: 1.0}")) {
      for (int i = 0; i < 50; i++) {
        HttpResponse<String> response = g.get("/drill");
        assertThat(response.statusCode()).isEqualTo(418);
        assertThat(Problems.type(response)).isEqualTo("fault-injected");
        assertThat(Problems.detail(response)).contains("'drill'").contains("418");
      }
      assertThat(upstream.requestCount()).isZero();
      assertThat(g.get("/calm").statusCode()).isEqualTo(200);
      assertThat(metric(g, "abort")).isEqualTo(50.0);
      assertThat(metric(g, "delay")).isZero();
    }
  }

  @Test
  void sharesOfZeroNeverFault() {
    try (GatewayHarness g = start("""
        delay: {duration: 2s, share: 0.0}
        abort: {status: 500, share: 0.0}
        """)) {
      long start = System.nanoTime();
      for (int i = 0; i < 100; i++) assertThat(g.get("/drill").statusCode()).isEqualTo(200);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
      assertThat(upstream.requestCount()).isEqualTo(100);
      assertThat(metric(g, "abort")).isZero();
      assertThat(metric(g, "delay")).isZero();
    }
  }

  @Test
  void aDelayHoldsEachRequestWithoutHoldingTheEventLoop() throws Exception {
    try (GatewayHarness g = start("delay: {duration: 400ms}")) {
      long start = System.nanoTime();
      HttpResponse<String> one = g.get("/drill");
      assertThat(one.statusCode()).isEqualTo(200);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));

      // Twenty at once on two event loops: a sleeping loop would take 20 x 400 ms / 2 = 4 s.
      ExecutorService pool = Executors.newFixedThreadPool(20);
      try {
        List<Future<Integer>> statuses = new ArrayList<>();
        start = System.nanoTime();
        for (int i = 0; i < 20; i++) statuses.add(pool.submit(() -> g.get("/drill").statusCode()));
        for (Future<Integer> s : statuses) assertThat(s.get()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(400), Duration.ofMillis(2000));
      } finally {
        pool.shutdownNow();
      }
      long calmStart = System.nanoTime();
      assertThat(g.get("/calm").statusCode()).isEqualTo(200);
      assertThat(Duration.ofNanos(System.nanoTime() - calmStart)).isLessThan(Duration.ofMillis(400));
      assertThat(metric(g, "delay")).isEqualTo(21.0);
    }
  }

  @Test
  void aDelayedRequestCanBeAbortedToo() {
    try (GatewayHarness g = start("""
        delay: {duration: 200ms}
        abort: {status: 503}
        """)) {
      long start = System.nanoTime();
      HttpResponse<String> response = g.get("/drill");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
      assertThat(upstream.requestCount()).isZero();
    }
  }

  @Test
  void aHalfShareAbortsAboutHalf() {
    try (GatewayHarness g = start("abort: {status: 503, share: 0.5}")) {
      int aborted = 0;
      for (int i = 0; i < 400; i++) {
        int status = g.get("/drill").statusCode();
        assertThat(status).isIn(200, 503);
        if (status == 503) aborted++;
      }
      // Binomial(400, 0.5): mean 200, standard deviation 10; six deviations either side.
      assertThat(aborted).isBetween(140, 260);
      assertThat(upstream.requestCount()).isEqualTo(400 - aborted);
      assertThat(metric(g, "abort")).isEqualTo(aborted);
    }
  }
}
