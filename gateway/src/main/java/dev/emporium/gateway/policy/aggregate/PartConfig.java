package dev.emporium.gateway.policy.aggregate;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One upstream call of an aggregation, whose JSON result becomes the field named after the part.
 *
 * @param cluster the cluster called
 * @param method the HTTP method; default {@code GET}
 * @param path path and query, with {@code {...}} expressions (see {@link PathTemplate})
 * @param timeout the whole call, response body included; default 2s
 * @param required true (default): a failure fails the whole request with the part's status;
 *     false: the part falls back and is listed in {@code _partial}
 * @param select a JSON pointer into the response taken as the part's result, e.g. {@code /items};
 *     default the whole body
 * @param dependsOn parts that must finish first, besides those the path reads from
 * @param headers extra headers sent with this part
 * @param fallback for an optional part: the JSON value used when it fails; default null
 * @param fallbackCall for an optional part: a call tried when it fails, before {@code fallback}
 */
public record PartConfig(
    String cluster,
    String method,
    String path,
    Duration timeout,
    Boolean required,
    String select,
    List<String> dependsOn,
    Map<String, String> headers,
    JsonNode fallback,
    FallbackCallConfig fallbackCall) {

  private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

  public PartConfig {
    if (cluster == null || cluster.isBlank()) throw new IllegalArgumentException("cluster is required");
    method = method == null ? "GET" : method;
    if (!METHODS.contains(method)) throw new IllegalArgumentException("method must be one of " + new java.util.TreeSet<>(METHODS));
    PathTemplate.parse(path);
    timeout = timeout == null ? Duration.ofSeconds(2) : timeout;
    if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be positive");
    required = required == null || required;
    if (select != null) JsonPointer.compile(select);
    dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
    headers = headers == null ? Map.of() : Map.copyOf(headers);
    if (required && (fallback != null || fallbackCall != null)) {
      throw new IllegalArgumentException("a required part cannot have a fallback; set required: false");
    }
  }

  /**
   * A call tried when an optional part fails, e.g. popular products in place of recommendations.
   *
   * @param cluster the cluster called
   * @param method the HTTP method; default {@code GET}
   * @param path path and query, with the same expressions as a part's
   * @param timeout the whole call; default 2s
   * @param select a JSON pointer into the response; default the whole body
   */
  public record FallbackCallConfig(String cluster, String method, String path, Duration timeout, String select) {
    public FallbackCallConfig {
      if (cluster == null || cluster.isBlank()) throw new IllegalArgumentException("fallbackCall.cluster is required");
      method = method == null ? "GET" : method;
      if (!METHODS.contains(method)) throw new IllegalArgumentException("fallbackCall.method must be one of " + METHODS);
      PathTemplate.parse(path);
      timeout = timeout == null ? Duration.ofSeconds(2) : timeout;
      if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("fallbackCall.timeout must be positive");
      if (select != null) JsonPointer.compile(select);
    }
  }
}
