package dev.emporium.analytics.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.analytics.AnalyticsTestSupport;
import dev.emporium.analytics.AnalyticsTestSupport.Wiring;
import dev.emporium.platform.testing.HttpTestClient;
import dev.emporium.platform.testing.InProcessKafka;
import dev.emporium.platform.testing.PostgresDatabases;
import dev.emporium.platform.testing.TestDatabase;
import dev.emporium.platform.testing.TestResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** Who may read the analytics, and how a bad range is answered. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AnalyticsApiIT {

  static final TestDatabase db = PostgresDatabases.create(AnalyticsApiIT.class);
  static final InProcessKafka kafka = InProcessKafka.shared();
  static final List<String> REPORTS = List.of("orders", "revenue", "funnel", "cancellations");
  static final String RANGE = "from=2026-03-10T10:00:00Z&to=2026-03-11T10:00:00Z";

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    AnalyticsTestSupport.register(registry, db, kafka, Wiring.create(kafka));
    registry.add("emporium.analytics.max-range", () -> "7d");
  }

  @LocalServerPort int port;
  HttpTestClient anonymous;
  HttpTestClient admin;
  HttpTestClient shopper;

  @BeforeEach
  void setUp() {
    anonymous = HttpTestClient.forPort(port);
    admin = anonymous.as("admin-1", "admin");
    shopper = anonymous.as("shopper-1", "customer");
  }

  @Test
  void onlyAdminsReadAnalytics() {
    for (String report : REPORTS) {
      String path = "/api/analytics/" + report + "?" + RANGE;

      TestResponse forbidden = shopper.get(path);
      assertThat(forbidden.status()).as(report).isEqualTo(403);
      assertThat(forbidden.contentType()).startsWith("application/problem+json");
      assertThat(forbidden.json().get("type").asString()).isEqualTo("urn:emporium:problem:forbidden");
      TestResponse anonymousCall = anonymous.get(path);
      assertThat(anonymousCall.status()).as(report).isEqualTo(401);
      assertThat(anonymousCall.json().get("type").asString()).isEqualTo("urn:emporium:problem:unauthenticated");
      assertThat(admin.get(path).status()).as(report).isEqualTo(200);
    }
    assertThat(shopper.get("/api/analytics/skipped-events").status()).isEqualTo(403);
    assertThat(shopper.get("/api/analytics/orders").status()).as("access before validation").isEqualTo(403);
  }

  @Test
  void anEmptyRangeHasEveryHourAtZero() {
    JsonNode orders = admin.get("/api/analytics/orders?" + RANGE).json();

    assertThat(orders.get("buckets")).hasSize(24);
    assertThat(orders.get("total").asLong()).isZero();
    JsonNode funnel = admin.get("/api/analytics/funnel?" + RANGE).json();
    assertThat(funnel.get("created").asLong()).isZero();
    assertThat(funnel.get("conversion").get("paid").decimalValue()).isZero();
  }

  @Test
  void missingOrMalformedBoundsAreValidationProblemsNamingTheParameter() {
    for (String report : REPORTS) {
      assertInvalid("/api/analytics/" + report + "?to=2026-03-11T10:00:00Z", "from", "required");
      assertInvalid("/api/analytics/" + report + "?from=2026-03-10T10:00:00Z", "to", "required");
      assertInvalid("/api/analytics/" + report + "?from=yesterday&to=2026-03-11T10:00:00Z", "from", "ISO-8601");
      assertInvalid("/api/analytics/" + report + "?from=2026-03-10T10:00:00Z&to=2026-03-11", "to", "ISO-8601");
    }
  }

  @Test
  void aRangeMustRunForwardAndStayWithinTheConfiguredSpan() {
    assertInvalid("/api/analytics/orders?from=2026-03-10T10:00:00Z&to=2026-03-10T10:00:00Z", "to", "after from");
    assertInvalid("/api/analytics/funnel?from=2026-03-10T10:00:00Z&to=2026-03-09T10:00:00Z", "to", "after from");
    TestResponse tooLong = admin.get("/api/analytics/revenue?from=2026-03-01T00:00:00Z&to=2026-03-08T00:00:01Z");
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.json().get("errors").get(0).get("limits").get("max").asString()).isEqualTo("PT168H");
    assertThat(admin.get("/api/analytics/revenue?from=2026-03-01T00:00:00Z&to=2026-03-08T00:00:00Z").status())
        .as("exactly the span").isEqualTo(200);
  }

  @Test
  void aCurrencyMustBeAnIsoCode() {
    assertInvalid("/api/analytics/revenue?" + RANGE + "&currency=euro", "currency", "ISO 4217");
    assertThat(admin.get("/api/analytics/revenue?" + RANGE + "&currency=EUR").status()).isEqualTo(200);
  }

  @Test
  void servesHealthMetricsAndOpenApi() {
    assertThat(anonymous.get("/health/live").status()).isEqualTo(200);
    assertThat(anonymous.get("/health/ready").status()).isEqualTo(200);
    assertThat(anonymous.get("/metrics").body()).contains("application=\"analytics\"");
    assertThat(anonymous.get("/openapi").body()).contains("/api/analytics/funnel");
  }

  private void assertInvalid(String path, String field, String message) {
    TestResponse response = admin.get(path);
    assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/problem+json");
    JsonNode problem = response.json();
    assertThat(problem.get("type").asString()).isEqualTo("urn:emporium:problem:validation");
    assertThat(problem.get("errors").get(0).get("field").asString()).as(path).isEqualTo(field);
    assertThat(problem.get("errors").get(0).get("message").asString()).as(path).contains(message);
    assertThat(problem.toString()).doesNotContain("Exception");
  }
}
