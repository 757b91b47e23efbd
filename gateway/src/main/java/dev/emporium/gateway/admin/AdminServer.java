package dev.emporium.gateway.admin;

import dev.emporium.gateway.config.AdminConfig;
import dev.emporium.gateway.problem.Problem;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The admin port: probes and metrics for machines, a JSON API for people and tools. Probes and
 * metrics are open (the port binds to loopback by default); everything under {@code /admin/}
 * needs the bearer token. The admin port is never a data port.
 */
public final class AdminServer {

  private final Vertx vertx;
  private final AdminConfig config;
  private final AdminApi api;
  private final byte[] token;
  private final RouteTrafficHandler traffic;
  private HttpServer server;

  public AdminServer(Vertx vertx, AdminConfig config, String token, AdminApi api) {
    this.vertx = vertx;
    this.config = config;
    this.api = api;
    this.token = token.getBytes(StandardCharsets.UTF_8);
    this.traffic = new RouteTrafficHandler(api::state);
  }

  public Future<Integer> start() {
    server = vertx.createHttpServer(new HttpServerOptions().setHost(config.host()).setPort(config.port())
        .setMaxHeaderSize(16 * 1024).setIdleTimeout(60));
    server.requestHandler(this::handle);
    return server.listen().map(HttpServer::actualPort);
  }

  public Future<Void> close() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  private void handle(HttpServerRequest request) {
    String path = request.path();
    HttpMethod method = request.method();
    switch (path) {
      case "/health/live" -> json(request, 200, new JsonObject().put("status", "UP"));
      case "/health/ready" -> {
        boolean ready = api.ready();
        json(request, ready ? 200 : 503, new JsonObject().put("status", ready ? "UP" : "DOWN"));
      }
      case "/metrics" -> request.response()
          .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
          .end(api.metrics());
      default -> {
        if (!path.startsWith("/admin/")) {
          problem(request, new Problem(404, "not-found", "Not Found", "No admin resource at " + path));
        } else if (!authorized(request)) {
          request.response().putHeader("WWW-Authenticate", "Bearer realm=\"emporium-admin\"");
          problem(request, new Problem(401, "unauthorized", "Unauthorized",
              "The admin API needs 'Authorization: Bearer <admin token>'"));
        } else {
          admin(request, path.substring("/admin".length()), method);
        }
      }
    }
  }

  private void admin(HttpServerRequest request, String resource, HttpMethod method) {
    switch (resource) {
      case "/routes" -> expect(request, method, HttpMethod.GET, () -> json(request, 200, api.routes()));
      case "/clusters" -> expect(request, method, HttpMethod.GET, () -> json(request, 200, api.clusters()));
      case "/config" -> expect(request, method, HttpMethod.GET, () -> json(request, 200, api.config()));
      case "/reload" -> expect(request, method, HttpMethod.POST, () ->
          vertx.executeBlocking(api::reload, false).onComplete(ar -> {
            if (ar.failed()) {
              problem(request, new Problem(500, "reload-failed", "Reload Failed", ar.cause().getMessage()));
            } else {
              JsonObject result = ar.result();
              json(request, result.getBoolean("applied") ? 200 : 422, result);
            }
          }));
      default -> {
        if (RouteTrafficHandler.handles(resource)) {
          traffic.handle(request, resource, method);
        } else {
          contributed(request, resource, method);
        }
      }
    }
  }

  /** Largest JSON body a contributed resource accepts. */
  private static final int MAX_BODY = 64 * 1024;

  private void contributed(HttpServerRequest request, String resource, HttpMethod method) {
    AdminEndpoint endpoint = null;
    for (AdminEndpoint e : api.endpoints()) {
      if (e.path().equals(resource)) endpoint = e;
    }
    if (endpoint == null) {
      problem(request, new Problem(404, "not-found", "Not Found", "No admin resource at /admin" + resource));
      return;
    }
    AdminEndpoint found = endpoint;
    expect(request, method, found.method(), () -> request.body().onComplete(ar -> {
      if (ar.failed()) return;
      Buffer body = ar.result();
      JsonObject json;
      try {
        if (body.length() > MAX_BODY) throw new IllegalArgumentException("the body is larger than " + MAX_BODY + " bytes");
        json = body.length() == 0 ? new JsonObject() : new JsonObject(body);
      } catch (io.vertx.core.json.DecodeException | ClassCastException e) {
        problem(request, new Problem(400, "bad-request", "Bad Request", "The body must be a JSON object"));
        return;
      } catch (IllegalArgumentException e) {
        problem(request, new Problem(400, "bad-request", "Bad Request", e.getMessage()));
        return;
      }
      Future<JsonObject> result;
      try {
        result = found.handle(json);
      } catch (RuntimeException e) {
        result = Future.failedFuture(e);
      }
      result.onComplete(done -> {
        if (done.succeeded()) {
          json(request, 200, done.result());
        } else if (done.cause() instanceof IllegalArgumentException bad) {
          problem(request, new Problem(400, "bad-request", "Bad Request", bad.getMessage()));
        } else {
          problem(request, new Problem(500, "admin-failed", "Admin Action Failed", String.valueOf(done.cause().getMessage())));
        }
      });
    }));
  }

  private static void expect(HttpServerRequest request, HttpMethod actual, HttpMethod expected, Runnable action) {
    if (actual != expected) {
      request.response().putHeader("Allow", expected.name());
      problem(request, new Problem(405, "method-not-allowed", "Method Not Allowed",
          "Use " + expected.name() + " on " + request.path()));
      return;
    }
    action.run();
  }

  private boolean authorized(HttpServerRequest request) {
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) return false;
    byte[] given = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(given, token);
  }

  private static void json(HttpServerRequest request, int status, Object body) {
    Buffer buffer = body instanceof JsonObject o ? o.toBuffer() : ((io.vertx.core.json.JsonArray) body).toBuffer();
    request.response().setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store")
        .end(buffer);
  }

  private static void problem(HttpServerRequest request, Problem problem) {
    request.response().setStatusCode(problem.status())
        .putHeader("Content-Type", "application/problem+json")
        .end(problem.toJson(request.path(), null));
  }
}
