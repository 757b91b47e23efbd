package dev.emporium.platform.service.problem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.platform.service.sample.SampleServiceApplication;
import dev.emporium.platform.testing.HttpTestClient;
import dev.emporium.platform.testing.PostgresDatabases;
import dev.emporium.platform.testing.TestDatabase;
import dev.emporium.platform.testing.TestResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

@SpringBootTest(classes = SampleServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProblemDetailsIT {

  static final TestDatabase db = PostgresDatabases.create(ProblemDetailsIT.class);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    db.registerDataSource(registry);
  }

  @LocalServerPort
  int port;
  HttpTestClient client;

  @BeforeEach
  void setUp() {
    client = HttpTestClient.forPort(port);
  }

  @Test
  void validationFailureNamesEveryFieldWithItsLimit() {
    TestResponse response = client.post("/samples", Map.of(
        "name", "a name far longer than twenty characters",
        "price", Map.of("amount", -1, "currency", "EURO"),
        "tags", List.of("ok", "much-too-long", "third")));

    assertProblem(response, 400, "urn:emporium:problem:validation");
    JsonNode errors = response.json().get("errors");
    assertThat(errors.valueStream().map(e -> e.get("field").asString()))
        .containsExactlyInAnyOrder("name", "price.amount", "price.currency", "tags", "tags[1]");
    JsonNode name = errors.valueStream().filter(e -> e.get("field").asString().equals("name")).findFirst().orElseThrow();
    assertThat(name.get("constraint").asString()).isEqualTo("Size");
    assertThat(name.get("limits").get("max").asInt()).isEqualTo(20);
    assertThat(name.get("message").asString()).contains("20");
    assertThat(response.body()).doesNotContain("much-too-long").doesNotContain("far longer");
  }

  @Test
  void invalidQueryParameterIsAValidationProblemNamingTheParameter() {
    TestResponse response = client.get("/samples?limit=500");

    assertProblem(response, 400, "urn:emporium:problem:validation");
    JsonNode error = response.json().get("errors").get(0);
    assertThat(error.get("field").asString()).isEqualTo("limit");
    assertThat(error.get("limits").get("value").asInt()).isEqualTo(50);
  }

  @Test
  void malformedJsonIsABadRequestThatDoesNotEchoTheParserMessage() {
    TestResponse response = client.post("/samples", "{\"name\": \"x\", \"price\": ");

    assertProblem(response, 400, "urn:emporium:problem:malformed-body");
    assertThat(response.json().get("detail").asString()).isEqualTo("The request body is missing or is not valid JSON.");
  }

  @Test
  void wronglyTypedJsonValueNamesThePath() {
    TestResponse response = client.post("/samples", "{\"name\": \"x\", \"price\": {\"amount\": \"lots\", \"currency\": \"EUR\"}}");

    assertProblem(response, 400, "urn:emporium:problem:malformed-body");
    assertThat(response.json().get("detail").asString()).contains("'price.amount'");
  }

  @Test
  void unknownRouteIsANotFoundProblem() {
    TestResponse response = client.get("/no/such/thing");

    assertProblem(response, 404, "urn:emporium:problem:no-route");
    assertThat(response.json().get("instance").asString()).isEqualTo("/no/such/thing");
  }

  @Test
  void unsupportedMethodIsA405ListingAllowedMethods() {
    TestResponse response = client.method("PATCH", "/samples");

    assertProblem(response, 405, "urn:emporium:problem:method-not-allowed");
    assertThat(response.header("Allow")).contains("GET").contains("POST");
  }

  @Test
  void unexpectedFailureIsA500WithoutStackTraceOrMessage() {
    TestResponse response = client.get("/samples/boom");

    assertProblem(response, 500, "urn:emporium:problem:internal");
    assertThat(response.body()).doesNotContain("hunter2").doesNotContain("IllegalStateException")
        .doesNotContain("at dev.emporium");
  }

  @Test
  void problemExceptionKeepsItsStatusAndDetail() {
    TestResponse response = client.get("/samples/conflict");

    assertProblem(response, 409, "urn:emporium:problem:conflict");
    assertThat(response.json().get("detail").asString()).isEqualTo("sample is already taken");
  }

  @Test
  void problemCarriesTheTraceIdOfTheCallersTrace() {
    String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    TestResponse response = client.header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
        .get("/samples/boom");

    assertThat(response.json().get("traceId").asString()).isEqualTo(traceId);
    assertThat(response.header("X-Trace-Id")).isEqualTo(traceId);
  }

  private static void assertProblem(TestResponse response, int status, String type) {
    assertThat(response.status()).as(response.body()).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/problem+json");
    JsonNode json = response.json();
    assertThat(json.get("type").asString()).isEqualTo(type);
    assertThat(json.get("status").asInt()).isEqualTo(status);
    assertThat(json.get("title").asString()).isNotBlank();
    assertThat(json.get("traceId").asString()).matches("[0-9a-f]{32}");
  }
}
