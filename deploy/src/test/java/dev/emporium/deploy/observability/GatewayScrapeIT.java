package dev.emporium.deploy.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class GatewayScrapeIT {

  @Test
  void dump() throws Exception {
    try (TinyUpstream upstream = TinyUpstream.start();
        LiveGateway gateway = LiveGateway.start("""
            routes:
              - name: shop
                match: {path: /shop/**}
                cluster: shop
                policies:
                  - cache: {ttl: 1m}
              - name: limited
                match: {path: /limited/**}
                cluster: shop
                policies:
                  - rate-limit:
                      limits:
                        - {name: per-ip, key: ip, capacity: 2, period: 1h}
              - name: broken
                match: {path: /broken/**}
                cluster: broken
            clusters:
              - name: shop
                endpoints: [{address: %1$s}]
              - name: broken
                endpoints: [{address: %1$s}]
                retry: {retries: 0}
                circuitBreaker: {failureRateThreshold: 50, slidingWindowSize: 4, minimumCalls: 4, openDuration: 1m}
            """.formatted(upstream.address()))) {
      for (int i = 0; i < 3; i++) gateway.get("/shop/item");
      gateway.get("/shop/slow");
      for (int i = 0; i < 4; i++) gateway.get("/limited/x");
      for (int i = 0; i < 6; i++) System.out.println("broken " + gateway.get("/broken/fail"));
      String scrape = gateway.scrape();
      Files.writeString(Path.of("target/gateway-scrape.txt"), scrape);
      assertThat(scrape).contains("gateway_requests_seconds");
    }
  }
}
