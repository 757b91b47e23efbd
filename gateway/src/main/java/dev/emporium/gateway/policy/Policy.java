package dev.emporium.gateway.policy;

import io.vertx.core.Future;

/**
 * One concern applied to a route's requests: authentication, a rate limit, a cache, a transform.
 * Both sides pass through unless overridden, so a policy that does nothing costs nothing.
 *
 * <p>Request side: call {@link Exchange#proceed()} to continue down the chain (and finally to the
 * upstream), or answer at once with a {@link ProxyResponse} of the policy's own. Response side:
 * runs in reverse order, for every policy whose request side ran, before the response head is
 * written; it may change status and headers, or ask for the body with {@link ProxyResponse#buffer}.
 *
 * <p>Both sides run on the request's event loop and must never block it.
 */
public interface Policy {

  default Future<ProxyResponse> onRequest(Exchange exchange) {
    return exchange.proceed();
  }

  default Future<ProxyResponse> onResponse(Exchange exchange, ProxyResponse response) {
    return Future.succeededFuture(response);
  }

  /**
   * Releases what the policy holds (connections, timers). Called once, when the configuration that
   * made it has been replaced and its requests have had the drain timeout to finish, or at
   * shutdown. It must not block.
   */
  default void close() {}
}
