package dev.emporium.platform.service.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.platform.service.sample.SampleServiceApplication;
import dev.emporium.platform.testing.HttpTestClient;
import dev.emporium.platform.testing.PostgresDatabases;
import dev.emporium.platform.testing.TestDatabase;
import dev.emporium.platform.testing.TestResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(classes = SampleServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CallerIdentityIT {

  static final TestDatabase db = PostgresDatabases.create(CallerIdentityIT.class);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    db.registerDataSource(registry);
  }

  @LocalServerPort
  int port;
  HttpTestClient anonymous;

  @BeforeEach
  void setUp() {
    anonymous = HttpTestClient.forPort(port);
  }

  @Test
  void readsIdentityRolesAndScopesFromTheGatewayHeaders() {
    TestResponse me = anonymous.as("u-1", "customer", "Admin").header("X-Scopes", "orders:read orders:write")
        .get("/samples/me");

    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json().get("userId").asString()).isEqualTo("u-1");
    assertThat(me.json().get("roles").valueStream().map(r -> r.asString())).containsExactlyInAnyOrder("customer", "admin");
    assertThat(me.json().get("scopes").valueStream().map(r -> r.asString()))
        .containsExactlyInAnyOrder("orders:read", "orders:write");
  }

  @Test
  void withoutIdentityA401ProblemWithBearerChallenge() {
    TestResponse response = anonymous.get("/samples/admin");

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
    assertThat(response.json().get("type").asString()).isEqualTo("urn:emporium:problem:unauthenticated");
  }

  @Test
  void shopperGetsA403FromAdminOnlyOperation() {
    TestResponse response = anonymous.as("u-2", "customer").get("/samples/admin");

    assertThat(response.status()).isEqualTo(403);
    assertThat(response.json().get("type").asString()).isEqualTo("urn:emporium:problem:forbidden");
  }

  @Test
  void adminPassesAdminOnlyOperation() {
    assertThat(anonymous.as("u-3", "admin").get("/samples/admin").status()).isEqualTo(200);
  }

  @Test
  void requireRoleIsCheckedBeforeTheBodyIsValidated() {
    String invalid = "{\"name\": \"\"}";

    assertThat(anonymous.post("/samples/admin", invalid).status()).isEqualTo(401);
    assertThat(anonymous.as("u-4", "customer").post("/samples/admin", invalid).status()).isEqualTo(403);
    assertThat(anonymous.as("u-5", "admin").post("/samples/admin", invalid).status()).isEqualTo(400);
  }

  @Test
  void ownerAndAdminSeeTheResourceOthersGetA404() {
    assertThat(anonymous.as("alice", "customer").get("/samples/owned/alice").status()).isEqualTo(200);
    assertThat(anonymous.as("root", "admin").get("/samples/owned/alice").status()).isEqualTo(200);

    TestResponse other = anonymous.as("mallory", "customer").get("/samples/owned/alice");
    assertThat(other.status()).isEqualTo(404);
    assertThat(other.json().get("type").asString()).isEqualTo("urn:emporium:problem:not-found");
  }

  @Test
  void blankOrOversizedUserIdCountsAsAnonymous() {
    assertThat(anonymous.header("X-User-Id", " ").get("/samples/me").status()).isEqualTo(401);
    assertThat(anonymous.header("X-User-Id", "x".repeat(129)).get("/samples/me").status()).isEqualTo(401);
  }
}
