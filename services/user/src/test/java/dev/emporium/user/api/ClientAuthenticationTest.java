package dev.emporium.user.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.emporium.platform.service.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ClientAuthenticationTest {

  @Test
  void readsBasicWithFormEncodedParts() {
    String header = "Basic " + base64("my%20client:p%3Ass");

    ClientAuthentication client = ClientAuthentication.from(header, null, null);

    assertThat(client.clientId()).isEqualTo("my client");
    assertThat(client.clientSecret()).isEqualTo("p:ss");
  }

  @Test
  void readsTheFormWithoutAHeader() {
    assertThat(ClientAuthentication.from(null, "job", "secret")).isEqualTo(new ClientAuthentication("job", "secret"));
  }

  @Test
  void refusesBothMethodsAtOnce() {
    assertThatThrownBy(() -> ClientAuthentication.from("Basic " + base64("a:b"), "a", null))
        .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.getStatusCode().value()).isEqualTo(400));
  }

  @Test
  void missingOrBrokenCredentialsAreInvalidClient() {
    for (String header : new String[] {null, "Basic %%%", "Basic " + base64("no-colon")}) {
      assertThatThrownBy(() -> ClientAuthentication.from(header, null, null))
          .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.getStatusCode().value()).isEqualTo(401));
    }
  }

  @Test
  void neverPrintsTheSecret() {
    assertThat(new ClientAuthentication("job", "hunter2").toString()).doesNotContain("hunter2");
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
