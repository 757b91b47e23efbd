package dev.emporium.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.emporium.gateway.testing.GatewayHarness;
import dev.emporium.gateway.testing.TestUpstream;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/** Graceful shutdown: requests in flight finish within the drain timeout, nothing new gets in. */
class DrainIT {

  private static String config(String address, String drainTimeout) {
    return """
        server:
          eventLoops: 2
          watchConfig: false
          drainTimeout: %s
        routes:
          - name: api
            match:
              path: /api/**
            cluster: svc
        clusters:
          - name: svc
            endpoints:
              - address: %s
            timeouts:
              request: 30s
        """.formatted(drainTimeout, address);
  }

  private final Queue<HttpServerRequest> held = new ConcurrentLinkedQueue<>();

  private TestUpstream holdingUpstream() {
    return TestUpstream.start(held::add);
  }

  private static boolean refusesConnections(int port) {
    try (Socket ignored = new Socket("127.0.0.1", port)) {
      return false;
    } catch (ConnectException refused) {
      return true;
    } catch (IOException other) {
      return false;
    }
  }

  private static int status(HttpClient client, String url) {
    try {
      return client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  @Test
  void inFlightRequestCompletesWhileNewConnectionsAreRefusedAndReadinessIsDown() {
    try (TestUpstream up = holdingUpstream()) {
      GatewayHarness gateway = GatewayHarness.start(config(up.address(), "10s"));
      HttpClient admin = HttpClient.newHttpClient();
      assertThat(status(admin, gateway.adminUrl("/health/ready"))).isEqualTo(200);
      CompletableFuture<HttpResponse<String>> inFlight = gateway.client().sendAsync(
          HttpRequest.newBuilder(URI.create(gateway.url("/api/slow"))).build(), HttpResponse.BodyHandlers.ofString());
      TestUpstream.await(Duration.ofSeconds(5), () -> held.size() == 1, "the request to reach the upstream");

      long start = System.nanoTime();
      CompletableFuture<Void> shutdown = CompletableFuture.runAsync(gateway::close);
      TestUpstream.await(Duration.ofSeconds(3), () -> status(admin, gateway.adminUrl("/health/ready")) == 503,
          "readiness to go down");
      TestUpstream.await(Duration.ofSeconds(3), () -> refusesConnections(gateway.port()), "new connections refused");
      assertThat(status(admin, gateway.adminUrl("/health/live"))).isEqualTo(200);
      assertThat(inFlight).isNotDone();

      held.poll().response().end("finished");

      HttpResponse<String> response = inFlight.join();
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("finished");
      shutdown.join();
      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000L);
    }
  }

  @Test
  void inFlightHttp2StreamCompletesDuringTheDrain() {
    try (TestUpstream up = TestUpstream.start(request -> {
      if (request.path().endsWith("/warm")) {
        request.response().end("warm");
      } else {
        held.add(request);
      }
    })) {
      GatewayHarness gateway = GatewayHarness.start(config(up.address(), "10s"));
      HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
      assertThat(h2.sendAsync(HttpRequest.newBuilder(URI.create(gateway.url("/api/warm"))).build(),
          HttpResponse.BodyHandlers.ofString()).join().version()).isEqualTo(HttpClient.Version.HTTP_2);
      CompletableFuture<HttpResponse<String>> inFlight = h2.sendAsync(
          HttpRequest.newBuilder(URI.create(gateway.url("/api/slow"))).build(), HttpResponse.BodyHandlers.ofString());
      TestUpstream.await(Duration.ofSeconds(5), () -> held.size() == 1, "the request to reach the upstream");

      CompletableFuture<Void> shutdown = CompletableFuture.runAsync(gateway::close);
      TestUpstream.await(Duration.ofSeconds(3), () -> refusesConnections(gateway.port()), "new connections refused");
      held.poll().response().end("finished over h2");

      HttpResponse<String> response = inFlight.join();
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("finished over h2");
      shutdown.join();
    }
  }

  @Test
  void requestLongerThanTheDrainTimeoutIsCut() {
    try (TestUpstream up = holdingUpstream()) {
      GatewayHarness gateway = GatewayHarness.start(config(up.address(), "500ms"));
      CompletableFuture<HttpResponse<String>> inFlight = gateway.client().sendAsync(
          HttpRequest.newBuilder(URI.create(gateway.url("/api/endless"))).build(), HttpResponse.BodyHandlers.ofString());
      TestUpstream.await(Duration.ofSeconds(5), () -> held.size() == 1, "the request to reach the upstream");

      long start = System.nanoTime();
      gateway.close();
      long ms = (System.nanoTime() - start) / 1_000_000;

      assertThatThrownBy(inFlight::join).isInstanceOf(CompletionException.class).hasCauseInstanceOf(IOException.class);
      assertThat(ms).isBetween(400L, 3_000L);
    }
  }

  @Test
  void idleGatewayStopsAtOnce() {
    try (TestUpstream up = TestUpstream.echo()) {
      GatewayHarness gateway = GatewayHarness.start(config(up.address(), "10s"));
      assertThat(gateway.get("/api/x").statusCode()).isEqualTo(200);

      long start = System.nanoTime();
      gateway.close();

      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2_000L);
      assertThat(refusesConnections(gateway.port())).isTrue();
    }
  }
}
