package dev.emporium.gateway.policy;

import dev.emporium.gateway.problem.Problem;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.util.Map;

/**
 * One request's passage through the gateway, as policies see it: the client's request, the
 * request that will go upstream (path, query, headers, body), the matched route, and the chain.
 */
public interface Exchange {

  /** The client's request, as received. Its headers are the client's own and not yet trusted. */
  HttpServerRequest request();

  /** The request id, generated when the client sent none. */
  String requestId();

  /** The matched route's name. */
  String routeName();

  /** Values of the route pattern's named parameters. */
  Map<String, String> pathParams();

  /** The client's address, after trusted-proxy resolution of X-Forwarded-For. */
  String clientAddress();

  /** The path after normalization, as matched. */
  String normalizedPath();

  /** The path the upstream will receive. */
  String upstreamPath();

  void upstreamPath(String path);

  /** The raw query string the upstream will receive, or null. */
  String upstreamQuery();

  void upstreamQuery(String query);

  /**
   * The cluster the request will be forwarded to: the route's own unless a policy chose another
   * with {@link #upstreamCluster(String)}; null on a route without a cluster (its policy answers).
   */
  default String upstreamCluster() {
    throw new UnsupportedOperationException("this exchange cannot tell its upstream cluster");
  }

  /**
   * Sends the request to another cluster than the route's own: one that a policy of this route
   * declared with {@link PolicyFactory#clusters}, so that it was validated and compiled with the
   * configuration. Retries, breaker, bulkhead, health, metrics and the access log then follow it.
   *
   * @throws IllegalArgumentException when the route cannot forward to that cluster
   */
  default void upstreamCluster(String cluster) {
    throw new UnsupportedOperationException("this exchange cannot change its upstream cluster");
  }

  /** Headers the upstream will receive; hop-by-hop and forwarding headers are already handled. */
  MultiMap upstreamHeaders();

  /**
   * Reads the client's request body into memory (at most {@code limit} bytes) so that a policy can
   * inspect it; it is then sent upstream from memory.
   */
  Future<Buffer> bufferRequestBody(long limit);

  /** Replaces the body sent upstream. */
  void replaceRequestBody(Buffer body);

  /** Continues down the chain: the next policy's request side, or the upstream. */
  Future<ProxyResponse> proceed();

  /** A response of the gateway's own for a problem, to return instead of proceeding. */
  ProxyResponse problem(Problem problem);

  /** Records a step on the request's timeline (its passport), shown in logs when it matters. */
  void mark(String event, Object detail);

  /** Stores a value for later policies or the response side. */
  <T> void attach(Class<T> key, T value);

  /** A value stored with {@link #attach}, or null. */
  <T> T attachment(Class<T> key);

  /**
   * Calls to clusters other than (or besides) the route's own, made on behalf of this request; see
   * {@link ClusterCalls}.
   */
  ClusterCalls clusters();

  /**
   * A copy of the client's request body, taken as it streams upstream so that the upstream gets it
   * no later than without the copy. Completes once the client has sent all of it; fails with
   * {@link ProxyResponse.BodyTooLargeException} past {@code limit} bytes, or when the body breaks;
   * never completes when the body is never read (a later policy answered without forwarding).
   * Completes at once with an empty buffer for a request without a body. One copy per request.
   */
  Future<Buffer> requestBodyCopy(long limit);
}
