package dev.emporium.gateway.policy.aggregate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.emporium.gateway.policy.ClusterCallException;
import dev.emporium.gateway.policy.ClusterRequest;
import dev.emporium.gateway.policy.ClusterResponse;
import dev.emporium.gateway.policy.Exchange;
import dev.emporium.gateway.policy.ProxyResponse;
import dev.emporium.gateway.problem.Problem;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * One request's aggregation: starts every part whose dependencies have finished, collects results,
 * and answers once all parts are done or a required one has failed. Lives on the request's event
 * loop, so it needs no locking.
 */
final class Aggregation implements PathTemplate.Values {

  static final String PARTIAL_FIELD = "_partial";
  static final String PARTIAL_HEADER = "X-Aggregate-Partial";

  private final AggregatePolicy policy;
  private final Exchange ex;
  private final JsonNode[] results;
  private final boolean[] started;
  private final boolean[] done;
  private final boolean[] partial;
  private final MultiMap propagated;
  private final Promise<ProxyResponse> response = Promise.promise();
  private int remaining;
  private Map<String, List<String>> query;

  Aggregation(AggregatePolicy policy, Exchange exchange) {
    this.policy = policy;
    this.ex = exchange;
    int n = policy.parts.size();
    this.results = new JsonNode[n];
    this.started = new boolean[n];
    this.done = new boolean[n];
    this.partial = new boolean[n];
    this.remaining = n;
    // Taken once, as the request would go upstream: identity headers set by an earlier policy
    // (authentication) are included, the client's own copies of them were removed.
    this.propagated = HttpHeaders.headers();
    for (String name : policy.propagateHeaders) {
      List<String> values = exchange.upstreamHeaders().getAll(name);
      if (!values.isEmpty()) propagated.set(name, values);
    }
  }

  Future<ProxyResponse> run() {
    startReady();
    return response.future();
  }

  private void startReady() {
    for (PartPlan part : policy.parts) {
      if (started[part.index] || !dependenciesDone(part)) continue;
      started[part.index] = true;
      call(part, part.call).onComplete(ar -> {
        if (response.future().isComplete()) return;
        if (ar.succeeded()) {
          part.ok.increment();
          finished(part, ar.result());
        } else {
          failed(part, asPartFailure(part, ar.cause()));
        }
      });
      if (response.future().isComplete()) return;
    }
  }

  private boolean dependenciesDone(PartPlan part) {
    for (int dep : part.dependencies) {
      if (!done[dep]) return false;
    }
    return true;
  }

  private void failed(PartPlan part, PartFailureException e) {
    PartFailure failure = e.failure;
    if (part.required) {
      part.failed.increment();
      ex.mark("aggregate-failed", part.name + ": " + failure.detail());
      response.tryComplete(problem(part, failure));
      return;
    }
    part.fellBack.increment();
    partial[part.index] = true;
    ex.mark("aggregate-fallback", part.name + ": " + failure.detail());
    if (part.fallbackCall == null) {
      finished(part, part.fallback);
      return;
    }
    call(part, part.fallbackCall).onComplete(ar -> {
      if (response.future().isComplete()) return;
      if (ar.failed()) ex.mark("aggregate-fallback-call-failed", asPartFailure(part, ar.cause()).failure.detail());
      finished(part, ar.succeeded() ? ar.result() : part.fallback);
    });
  }

  private void finished(PartPlan part, JsonNode result) {
    results[part.index] = result == null ? NullNode.getInstance() : result;
    done[part.index] = true;
    if (--remaining == 0) {
      response.tryComplete(document());
    } else {
      startReady();
    }
  }

  /** One call of a part; fails only with {@link PartFailureException}. */
  private Future<JsonNode> call(PartPlan part, PartPlan.Call call) {
    String uri;
    try {
      uri = call.path().render(this);
    } catch (PathTemplate.MissingValue missing) {
      return failure(new PartFailure(502, "dependency-missing", "Part '" + part.name + "' " + missing.getMessage(), 0, null));
    }
    MultiMap headers = HttpHeaders.headers().addAll(propagated);
    part.headers.forEach(headers::set);
    if (!headers.contains(HttpHeaders.ACCEPT)) headers.set(HttpHeaders.ACCEPT, "application/json");
    long startNanos = System.nanoTime();
    Future<ClusterResponse> sent;
    try {
      sent = ex.clusters().send(new ClusterRequest(call.cluster(), call.method(), uri, headers, null, call.timeout(),
          policy.maxPartBodyBytes));
    } catch (RuntimeException e) {
      sent = Future.failedFuture(e);
    }
    return sent.transform(ar -> {
      long ms = (System.nanoTime() - startNanos) / 1_000_000;
      if (ar.failed()) {
        if (ar.cause() instanceof ClusterCallException cce) {
          Problem p = cce.problem();
          return failure(new PartFailure(p.status(), p.type(), "Part '" + part.name + "': " + p.detail(), 0,
              p.retryAfterSeconds() > 0 ? Long.toString(p.retryAfterSeconds()) : null));
        }
        return failure(new PartFailure(502, "upstream-unreachable", "Part '" + part.name + "': " + ar.cause(), 0, null));
      }
      ClusterResponse r = ar.result();
      ex.mark("aggregate-part", part.name + " " + r.status() + " in " + ms + "ms");
      if (r.status() < 200 || r.status() > 299) {
        int status = r.status() >= 400 && r.status() <= 599 ? r.status() : 502;
        return failure(new PartFailure(status, "upstream-status", "Part '" + part.name + "' (cluster '" + call.cluster()
            + "') answered " + r.status(), r.status(), r.headers().get("Retry-After")));
      }
      try {
        JsonNode body = r.body().length() == 0 ? NullNode.getInstance() : AggregatePolicy.JSON.readTree(r.body().getBytes());
        if (call.select() != null) body = body.at(call.select());
        return Future.succeededFuture(body.isMissingNode() ? NullNode.getInstance() : body);
      } catch (IOException e) {
        return failure(new PartFailure(502, "invalid-json", "Part '" + part.name + "' (cluster '" + call.cluster()
            + "') answered with a body that is not JSON", r.status(), null));
      }
    });
  }

  /** Any other failure is a bug in the gateway; it still fails only its part, as a 502. */
  private static PartFailureException asPartFailure(PartPlan part, Throwable cause) {
    return cause instanceof PartFailureException p ? p
        : new PartFailureException(new PartFailure(502, "internal-error", "Part '" + part.name + "' failed inside the gateway: "
            + cause, 0, null));
  }

  private static <T> Future<T> failure(PartFailure failure) {
    return Future.failedFuture(new PartFailureException(failure));
  }

  /** Carries a {@link PartFailure} through a future; expected, so without a stack trace. */
  static final class PartFailureException extends RuntimeException {
    final PartFailure failure;

    PartFailureException(PartFailure failure) {
      super(failure.detail(), null, false, false);
      this.failure = failure;
    }
  }

  private ProxyResponse document() {
    ObjectNode doc = AggregatePolicy.JSON.createObjectNode();
    ArrayNode partialNames = null;
    for (PartPlan part : policy.parts) {
      doc.set(part.name, results[part.index]);
      if (partial[part.index]) {
        if (partialNames == null) partialNames = AggregatePolicy.JSON.createArrayNode();
        partialNames.add(part.name);
      }
    }
    MultiMap headers = HttpHeaders.headers()
        .set(HttpHeaders.CONTENT_TYPE, "application/json")
        .set(HttpHeaders.CACHE_CONTROL, "no-store");
    if (partialNames != null) {
      doc.set(PARTIAL_FIELD, partialNames);
      StringBuilder names = new StringBuilder();
      partialNames.forEach(n -> names.append(names.isEmpty() ? "" : ",").append(n.asText()));
      headers.set(PARTIAL_HEADER, names.toString());
    }
    return ProxyResponse.of(200, headers, json(doc));
  }

  /** The problem+json for a failed required part: the part's status, the part named. */
  private ProxyResponse problem(PartPlan part, PartFailure failure) {
    ObjectNode body = AggregatePolicy.JSON.createObjectNode()
        .put("type", Problem.TYPE_BASE + "aggregate-part-failed")
        .put("title", "Aggregate Part Failed")
        .put("status", failure.status())
        .put("detail", failure.detail())
        .put("instance", ex.normalizedPath())
        .put("requestId", ex.requestId())
        .put("part", part.name)
        .put("cause", failure.cause());
    if (failure.partStatus() > 0) body.put("partStatus", failure.partStatus());
    MultiMap headers = HttpHeaders.headers()
        .set(HttpHeaders.CONTENT_TYPE, "application/problem+json")
        .set(HttpHeaders.CACHE_CONTROL, "no-store");
    if (failure.retryAfter() != null) headers.set("Retry-After", failure.retryAfter());
    return ProxyResponse.of(failure.status(), headers, json(body));
  }

  private static Buffer json(JsonNode node) {
    try {
      return Buffer.buffer(AggregatePolicy.JSON.writeValueAsBytes(node));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree failed to serialize", e);
    }
  }

  // Values for path templates.

  @Override
  public String param(String name) {
    return ex.pathParams().get(name);
  }

  @Override
  public String query(String name) {
    if (query == null) {
      String q = ex.upstreamQuery();
      query = q == null ? Map.of() : new QueryStringDecoder(q, false).parameters();
    }
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  @Override
  public String header(String name) {
    return ex.upstreamHeaders().get(name);
  }

  @Override
  public JsonNode part(String name) {
    Integer index = policy.indexByName.get(name);
    return index == null || !done[index] ? null : results[index];
  }
}
