package dev.emporium.launcher.demo;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A tiny catalogue service the quickstart puts behind the gateway, so a newcomer sees routing,
 * load balancing and health checks work before any real service exists. Each instance says who it
 * is in {@code X-Served-By}.
 */
public final class DemoUpstream implements AutoCloseable {

  private static final JsonArray PRODUCTS = new JsonArray()
      .add(product("p-1", "Espresso cup", "kitchen", 900))
      .add(product("p-2", "Walnut desk", "furniture", 34900))
      .add(product("p-3", "Linen shirt", "clothing", 5900));

  private final Vertx vertx;
  private final String name;

  private DemoUpstream(Vertx vertx, String name) {
    this.vertx = vertx;
    this.name = name;
  }

  public static DemoUpstream start(String name, int port) {
    Vertx vertx = Vertx.vertx();
    DemoUpstream upstream = new DemoUpstream(vertx, name);
    HttpServer server = vertx.createHttpServer().requestHandler(upstream::handle);
    server.listen(port, "127.0.0.1").await();
    return upstream;
  }

  private void handle(HttpServerRequest request) {
    request.response().putHeader("X-Served-By", name).putHeader("Content-Type", "application/json");
    String path = request.path();
    if (path.equals("/health/ready") || path.equals("/health/live")) {
      request.response().end(new JsonObject().put("status", "UP").toBuffer());
    } else if (path.equals("/products")) {
      request.response().end(new JsonObject().put("items", PRODUCTS).put("nextCursor", (String) null).toBuffer());
    } else if (path.startsWith("/products/")) {
      String id = path.substring("/products/".length());
      JsonObject found = PRODUCTS.stream().map(JsonObject.class::cast)
          .filter(p -> p.getString("id").equals(id)).findFirst().orElse(null);
      if (found == null) {
        request.response().setStatusCode(404).putHeader("Content-Type", "application/problem+json")
            .end(new JsonObject().put("title", "Not Found").put("status", 404)
                .put("detail", "No product " + id).toBuffer());
      } else {
        request.response().putHeader("Cache-Control", "public, max-age=300").end(found.toBuffer());
      }
    } else {
      request.response().setStatusCode(404).putHeader("Content-Type", "application/problem+json")
          .end(new JsonObject().put("title", "Not Found").put("status", 404).toBuffer());
    }
  }

  private static JsonObject product(String id, String name, String category, long cents) {
    return new JsonObject().put("id", id).put("name", name).put("category", category)
        .put("price", new JsonObject().put("amount", cents / 100.0).put("currency", "EUR"));
  }

  @Override
  public void close() {
    vertx.close().await();
  }
}
