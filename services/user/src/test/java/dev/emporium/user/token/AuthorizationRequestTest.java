package dev.emporium.user.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import dev.emporium.platform.service.problem.ProblemException;
import dev.emporium.user.UserProperties;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

class AuthorizationRequestTest {

  static final String CALLBACK = "https://shop.example/callback";
  static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
  static final UserProperties PROPERTIES = properties(Map.of(
      "EMPORIUM_USER_ISSUER", "https://id.shop.example",
      "EMPORIUM_USER_WEBCLIENTS_STOREFRONT_REDIRECTURIS", CALLBACK,
      "EMPORIUM_USER_WEBCLIENTS_STOREFRONT_SCOPES", "openid profile orders"));

  @Test
  void aCompleteRequestIsAccepted() {
    AuthorizationRequest request = AuthorizationRequest.parse(valid(), PROPERTIES);

    assertThat(request.clientId()).isEqualTo("storefront");
    assertThat(request.redirectUri()).isEqualTo(CALLBACK);
    assertThat(request.scopes()).containsExactly("openid", "profile");
    assertThat(request.state()).isEqualTo("xyz");
    assertThat(request.codeChallenge()).isEqualTo(CHALLENGE);
    assertThat(request.nonce()).isNull();
  }

  @Test
  void withoutAScopeTheClientGetsAllItMayAskFor() {
    MultiValueMap<String, String> parameters = valid();
    parameters.remove("scope");

    assertThat(AuthorizationRequest.parse(parameters, PROPERTIES).scopes()).containsExactly("openid", "profile", "orders");
  }

  @Test
  void anUnknownClientOrRedirectUriIsToldToTheBrowserNotRedirected() {
    assertUnredirectable(with("client_id", "nobody"), "client_id");
    assertUnredirectable(with("redirect_uri", "https://evil.example/callback"), "redirect_uri");
    assertUnredirectable(without("client_id"), "client_id");
    assertUnredirectable(without("redirect_uri"), "redirect_uri");
    MultiValueMap<String, String> twice = valid();
    twice.add("redirect_uri", CALLBACK);
    assertUnredirectable(twice, "redirect_uri");
    assertUnredirectable(with("state", "s".repeat(AuthorizationRequest.MAX_VALUE_LENGTH + 1)), "state");
  }

  @Test
  void otherMistakesGoBackToTheClientWithTheirOAuthCode() {
    assertRedirected(with("response_type", "token"), "unsupported_response_type");
    assertRedirected(without("response_type"), "invalid_request");
    assertRedirected(without("code_challenge"), "invalid_request");
    assertRedirected(with("code_challenge_method", "plain"), "invalid_request");
    assertRedirected(without("code_challenge_method"), "invalid_request");
    assertRedirected(with("code_challenge", "too-short"), "invalid_request");
    assertRedirected(with("scope", "openid admin"), "invalid_scope");
    assertRedirected(with("response_mode", "fragment"), "invalid_request");
    assertRedirected(with("prompt", "none"), "login_required");
    assertRedirected(with("nonce", "n".repeat(AuthorizationRequest.MAX_VALUE_LENGTH + 1)), "invalid_request");
  }

  @Test
  void anErrorsLocationCarriesTheStateAndTheIssuer() {
    AuthorizationError error = catchRedirect(with("scope", "admin"));

    assertThat(error.location("https://id.shop.example")).isEqualTo(CALLBACK
        + "?error=invalid_scope&error_description=the+client+may+ask+for+openid+profile+orders&state=xyz"
        + "&iss=https%3A%2F%2Fid.shop.example");
  }

  private static void assertUnredirectable(MultiValueMap<String, String> parameters, String parameter) {
    assertThatThrownBy(() -> AuthorizationRequest.parse(parameters, PROPERTIES))
        .asInstanceOf(type(ProblemException.class))
        .satisfies(e -> {
          assertThat(e.getStatusCode().value()).isEqualTo(400);
          assertThat(e.getBody().getProperties()).containsEntry("parameter", parameter);
        });
  }

  private static void assertRedirected(MultiValueMap<String, String> parameters, String error) {
    assertThat(catchRedirect(parameters).error()).isEqualTo(error);
  }

  private static AuthorizationError catchRedirect(MultiValueMap<String, String> parameters) {
    try {
      AuthorizationRequest.parse(parameters, PROPERTIES);
    } catch (AuthorizationError e) {
      return e;
    }
    throw new AssertionError("no redirect for " + parameters);
  }

  private static MultiValueMap<String, String> valid() {
    MultiValueMap<String, String> parameters = new LinkedMultiValueMap<>();
    parameters.add("response_type", "code");
    parameters.add("client_id", "storefront");
    parameters.add("redirect_uri", CALLBACK);
    parameters.add("scope", "openid profile");
    parameters.add("state", "xyz");
    parameters.add("code_challenge", CHALLENGE);
    parameters.add("code_challenge_method", "S256");
    return parameters;
  }

  private static MultiValueMap<String, String> with(String name, String value) {
    MultiValueMap<String, String> parameters = valid();
    parameters.set(name, value);
    return parameters;
  }

  private static MultiValueMap<String, String> without(String name) {
    MultiValueMap<String, String> parameters = valid();
    parameters.remove(name);
    return parameters;
  }

  private static UserProperties properties(Map<String, Object> env) {
    return new Binder(ConfigurationPropertySources.from(new SystemEnvironmentPropertySource(
        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, env)))
        .bindOrCreate("emporium.user", UserProperties.class);
  }
}
