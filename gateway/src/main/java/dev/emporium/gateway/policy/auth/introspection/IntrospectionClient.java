package dev.emporium.gateway.policy.auth.introspection;

import dev.emporium.gateway.policy.auth.AuthHttp;
import dev.emporium.gateway.policy.auth.AuthOutcome;
import dev.emporium.gateway.policy.auth.ClaimValues;
import dev.emporium.gateway.policy.auth.Identity;
import dev.emporium.gateway.policy.auth.IdentityHeaders;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/** Asks the authorization server about one token (RFC 7662) and reads its answer. */
final class IntrospectionClient {

  /** What the server said: the identity and until when it holds, or why the token is refused. */
  record Answer(Identity identity, long validUntilMillis, AuthOutcome refusal) {}

  /** The server could not be asked, or answered with something other than an introspection response. */
  static final class UnavailableException extends RuntimeException {
    UnavailableException(String why) {
      super(why, null, false, false);
    }
  }

  private final AuthHttp http;
  private final IntrospectionConfig config;
  private final String authorization;
  private final LongSupplier clock;
  private final Counter calls;
  private final Counter failures;

  IntrospectionClient(AuthHttp http, IntrospectionConfig config, LongSupplier clock, MeterRegistry meters, String route) {
    this.http = http;
    this.config = config;
    // RFC 6749 §2.3.1: both parts form-encoded before they are joined for Basic authentication.
    String credentials = form(config.clientId()) + ":" + form(config.clientSecret());
    this.authorization = "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    this.clock = clock;
    this.calls = counter(meters, route, "answered");
    this.failures = counter(meters, route, "failed");
  }

  private static Counter counter(MeterRegistry meters, String route, String outcome) {
    return Counter.builder("gateway.auth.introspection.calls")
        .description("Calls to the token introspection endpoint, by route and outcome")
        .tags("route", route, "outcome", outcome)
        .register(meters);
  }

  Future<Answer> introspect(String token) {
    MultiMap headers = HttpHeaders.headers()
        .add(HttpHeaders.AUTHORIZATION, authorization)
        .add(HttpHeaders.CONTENT_TYPE, "application/x-www-form-urlencoded")
        .add(HttpHeaders.ACCEPT, "application/json");
    Buffer body = Buffer.buffer("token=" + form(token) + "&token_type_hint=access_token");
    return http.send(HttpMethod.POST, config.endpoint(), headers, body, config.timeout(), config.maxResponseSize().bytes())
        .recover(e -> Future.failedFuture(new UnavailableException(e.getMessage())))
        .map(response -> {
          if (response.status() != 200) throw new UnavailableException("status " + response.status());
          try {
            return read(new JsonObject(response.body()));
          } catch (DecodeException | ClassCastException e) {
            throw new UnavailableException("the answer is not a JSON object");
          }
        })
        .andThen(ar -> (ar.succeeded() ? calls : failures).increment());
  }

  private Answer read(JsonObject json) {
    if (!Boolean.TRUE.equals(json.getValue("active"))) return refusal(AuthOutcome.INACTIVE_TOKEN);
    long now = clock.getAsLong();
    Long exp = json.getValue("exp") instanceof Number n ? n.longValue() * 1000 : null;
    if (exp != null && exp < now) return refusal(AuthOutcome.INACTIVE_TOKEN);
    Long nbf = json.getValue("nbf") instanceof Number n ? n.longValue() * 1000 : null;
    if (nbf != null && nbf > now) return refusal(AuthOutcome.NOT_YET_VALID);
    if (!config.audiences().isEmpty()) {
      List<String> aud = ClaimValues.list(json.getValue("aud"));
      if (aud.stream().noneMatch(config.audiences()::contains)) return refusal(AuthOutcome.WRONG_AUDIENCE);
    }
    Map<String, Object> map = json.getMap();
    String subject = text(json.getValue("sub"));
    if (subject == null) subject = text(json.getValue("username"));
    String consumer = subject == null ? text(json.getValue("client_id")) : null;
    if (subject == null && consumer == null) return refusal(AuthOutcome.MISSING_CLAIM);
    Identity identity = new Identity(subject, consumer, ClaimValues.list(ClaimValues.at(map, config.rolesClaim())),
        ClaimValues.scopes(map), "introspection");
    return new Answer(identity, exp == null ? Long.MAX_VALUE : exp, null);
  }

  private static String text(Object value) {
    return value instanceof String s && IdentityHeaders.isHeaderValue(s) ? s : null;
  }

  private static Answer refusal(AuthOutcome outcome) {
    return new Answer(null, 0, outcome);
  }

  private static String form(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
