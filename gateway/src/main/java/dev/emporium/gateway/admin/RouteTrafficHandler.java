package dev.emporium.gateway.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.emporium.gateway.policy.Policy;
import dev.emporium.gateway.policy.traffic.LiveSplit;
import dev.emporium.gateway.policy.traffic.SplitConfigException;
import dev.emporium.gateway.policy.traffic.TrafficSplitConfig;
import dev.emporium.gateway.policy.traffic.TrafficSplitPolicy;
import dev.emporium.gateway.problem.Problem;
import dev.emporium.gateway.runtime.GatewayState;
import dev.emporium.gateway.runtime.Route;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /admin/routes/{name}/traffic}: reads ({@code GET}), changes ({@code PUT}) and clears
 * ({@code DELETE}) the live traffic split of a route with a {@code traffic-split} policy. A change
 * takes effect for the next request, without a file edit or a reload.
 */
final class RouteTrafficHandler {

  private static final Logger log = LoggerFactory.getLogger(RouteTrafficHandler.class);
  private static final String PREFIX = "/routes/";
  private static final String SUFFIX = "/traffic";
  /** Largest PUT body read; a split is a few hundred bytes. */
  static final int MAX_BODY_BYTES = 64 * 1024;

  private final Supplier<GatewayState> state;
  private final ObjectMapper mapper = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
      .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
      .build();

  RouteTrafficHandler(Supplier<GatewayState> state) {
    this.state = state;
  }

  /** Whether an admin resource (the path after {@code /admin}) is one of this handler's. */
  static boolean handles(String resource) {
    return resource.startsWith(PREFIX) && resource.endsWith(SUFFIX)
        && resource.length() > PREFIX.length() + SUFFIX.length()
        && resource.indexOf('/', PREFIX.length()) == resource.length() - SUFFIX.length();
  }

  void handle(HttpServerRequest request, String resource, HttpMethod method) {
    String routeName = resource.substring(PREFIX.length(), resource.length() - SUFFIX.length());
    Route route = state.get().routes().stream().filter(r -> r.name().equals(routeName)).findFirst().orElse(null);
    if (route == null) {
      problem(request, new Problem(404, "not-found", "Not Found", "No route named '" + routeName + "'"), null);
      return;
    }
    LiveSplit live = route.policies().stream().filter(TrafficSplitPolicy.class::isInstance)
        .map(p -> ((TrafficSplitPolicy) p).live()).findFirst().orElse(null);
    if (live == null) {
      problem(request, new Problem(404, "not-found", "Not Found", "Route '" + routeName
          + "' has no traffic-split policy; add one to the route in the configuration file first"), null);
      return;
    }
    if (method == HttpMethod.GET) {
      json(request, 200, view(live.snapshot(), live.route()));
    } else if (method == HttpMethod.DELETE) {
      LiveSplit.Snapshot snapshot = live.reset();
      log.info("traffic split of route '{}' reset to the configuration file's through the admin API", routeName);
      json(request, 200, view(snapshot, live.route()));
    } else if (method == HttpMethod.PUT) {
      readBody(request, body -> put(request, live, body));
    } else {
      request.response().putHeader("Allow", "GET, PUT, DELETE");
      problem(request, new Problem(405, "method-not-allowed", "Method Not Allowed",
          "Use GET, PUT or DELETE on " + request.path()), null);
    }
  }

  /**
   * Fields the body gives replace the active split's; fields it leaves out keep their value, so
   * {@code {"weights": {...}}} changes the weights and keeps the rules.
   */
  private void put(HttpServerRequest request, LiveSplit live, Buffer body) {
    JsonNode given;
    try {
      given = mapper.readTree(body.getBytes());
    } catch (java.io.IOException e) {
      problem(request, Problem.badRequest("The body is not valid JSON: " + originalMessage(e)), null);
      return;
    }
    if (given == null || !given.isObject() || given.isEmpty()) {
      problem(request, Problem.badRequest("The body must be a JSON object with weights, rules or sticky"), null);
      return;
    }
    ObjectNode merged = mapper.valueToTree(live.snapshot().active());
    merged.setAll((ObjectNode) given);
    LiveSplit.Snapshot snapshot;
    try {
      snapshot = live.override(mapper.treeToValue(merged, TrafficSplitConfig.class));
    } catch (SplitConfigException e) {
      invalid(request, e.field(), e.getMessage());
      return;
    } catch (JsonProcessingException | IllegalArgumentException e) {
      SplitConfigException split = splitCause(e);
      if (split != null) {
        invalid(request, split.field(), split.getMessage());
      } else {
        String field = e instanceof JsonMappingException m ? path(m) : "";
        invalid(request, field, (field.isEmpty() ? "" : field + ": ") + originalMessage(e));
      }
      return;
    }
    log.info("traffic split of route '{}' changed through the admin API: {}", live.route(), given);
    json(request, 200, view(snapshot, live.route()));
  }

  private JsonObject view(LiveSplit.Snapshot s, String route) {
    JsonObject out = new JsonObject().put("route", route);
    out.mergeIn(toJson(s.active()));
    return out
        .put("source", s.overridden() ? "admin" : "file")
        .put("since", s.since().toString())
        .put("targets", new JsonArray(s.file().clusters().stream().toList()))
        .put("file", toJson(s.file()));
  }

  private JsonObject toJson(TrafficSplitConfig config) {
    try {
      return new JsonObject(mapper.writeValueAsString(config));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void readBody(HttpServerRequest request, java.util.function.Consumer<Buffer> then) {
    String length = request.getHeader("Content-Length");
    if (length != null && declaredLength(length) > MAX_BODY_BYTES) {
      tooLarge(request);
      return;
    }
    Buffer body = Buffer.buffer();
    boolean[] refused = {false};
    request.handler(chunk -> {
      if (refused[0]) return;
      if (body.length() + chunk.length() > MAX_BODY_BYTES) {
        refused[0] = true;
        tooLarge(request);
        return;
      }
      body.appendBuffer(chunk);
    });
    request.endHandler(v -> {
      if (!refused[0]) then.accept(body);
    });
  }

  private static long declaredLength(String header) {
    try {
      return Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }

  private static void tooLarge(HttpServerRequest request) {
    request.response().putHeader("Connection", "close");
    problem(request, new Problem(413, "body-too-large", "Content Too Large",
        "A traffic split body is at most " + MAX_BODY_BYTES + " bytes"), null);
  }

  private static void invalid(HttpServerRequest request, String field, String message) {
    problem(request, new Problem(422, "invalid-traffic-split", "Invalid Traffic Split", message), field);
  }

  private static SplitConfigException splitCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SplitConfigException s) return s;
    }
    return null;
  }

  private static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        if (!sb.isEmpty()) sb.append('.');
        sb.append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  private static String originalMessage(Exception e) {
    return e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
  }

  private static void json(HttpServerRequest request, int status, JsonObject body) {
    request.response().setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store")
        .end(body.toBuffer());
  }

  /** A problem+json answer; {@code field}, when given, names the setting at fault. */
  private static void problem(HttpServerRequest request, Problem problem, String field) {
    JsonObject json = new JsonObject(problem.toJson(request.path(), null));
    if (field != null) json.put("field", field);
    request.response().setStatusCode(problem.status())
        .putHeader("Content-Type", "application/problem+json")
        .end(json.toBuffer());
  }
}
