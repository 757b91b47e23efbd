package dev.emporium.gateway.policy.cache;

import dev.emporium.gateway.admin.AdminEndpoint;
import dev.emporium.gateway.policy.Policy;
import dev.emporium.gateway.policy.PolicyContext;
import dev.emporium.gateway.policy.PolicyFactory;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code cache} policy. Every route of one gateway shares one {@link ResponseCache}, made when
 * the first route names the policy (a gateway without cached routes holds nothing and connects to
 * nothing) and kept across reloads, which only resize it or change its Redis tier. It closes with
 * the gateway.
 */
public final class CacheFactory implements PolicyFactory<CachePolicyConfig> {

  /** One cache per gateway; keyed by its Vert.x instance in case an embedder shares the registry. */
  private final Map<Vertx, ResponseCache> caches = new ConcurrentHashMap<>();

  @Override
  public String name() {
    return "cache";
  }

  @Override
  public Class<CachePolicyConfig> configType() {
    return CachePolicyConfig.class;
  }

  @Override
  public Policy create(CachePolicyConfig config, PolicyContext context) {
    ResponseCache cache = caches.computeIfAbsent(context.vertx(), vertx -> {
      ResponseCache made = new ResponseCache(vertx, context.meters(), context.config().cache());
      vertx.deployVerticle(new Closer(() -> {
        caches.remove(vertx, made);
        made.close();
      }));
      return made;
    });
    cache.reconfigure(context.config().cache());
    return new CachePolicy(context.routeName(), config, cache);
  }

  @Override
  public List<AdminEndpoint> adminEndpoints() {
    return List.of(new Purge());
  }

  /** {@code POST /admin/cache/purge {"route": "...", "prefix": "/api/products"}} */
  private final class Purge implements AdminEndpoint {
    @Override
    public HttpMethod method() {
      return HttpMethod.POST;
    }

    @Override
    public String path() {
      return "/cache/purge";
    }

    @Override
    public Future<JsonObject> handle(JsonObject body) {
      Object route = body.getValue("route");
      Object prefix = body.getValue("prefix");
      boolean all = Boolean.TRUE.equals(body.getValue("all"));
      for (String field : body.fieldNames()) {
        if (!field.equals("route") && !field.equals("prefix") && !field.equals("all")) {
          throw new IllegalArgumentException("unknown field '" + field + "'; known fields: all, prefix, route");
        }
      }
      if (route != null && !(route instanceof String) || prefix != null && !(prefix instanceof String)) {
        throw new IllegalArgumentException("'route' and 'prefix' must be strings");
      }
      if (prefix != null && !((String) prefix).startsWith("/")) {
        throw new IllegalArgumentException("'prefix' must be a path starting with '/'");
      }
      if (route == null && prefix == null && !all) {
        throw new IllegalArgumentException("give 'route', 'prefix' or both, or \"all\": true to empty the cache");
      }
      List<Future<JsonObject>> results = caches.values().stream()
          .map(c -> c.purge((String) route, (String) prefix)).toList();
      return Future.all(results).map(done -> {
        long purged = 0;
        Long shared = null;
        JsonObject out = new JsonObject();
        for (Future<JsonObject> f : results) {
          JsonObject r = f.result();
          purged += r.getLong("purged");
          if (r.getLong("shared") != null) shared = (shared == null ? 0 : shared) + r.getLong("shared");
          if (r.containsKey("sharedError")) out.put("sharedError", r.getString("sharedError"));
        }
        out.put("purged", purged);
        if (shared != null) out.put("shared", shared);
        return out;
      });
    }
  }

  /** Closes the cache (its Redis connections) when the gateway's Vert.x instance closes. */
  private static final class Closer extends VerticleBase {
    private final Runnable close;

    Closer(Runnable close) {
      this.close = close;
    }

    @Override
    public Future<?> stop() {
      close.run();
      return Future.succeededFuture();
    }
  }
}
