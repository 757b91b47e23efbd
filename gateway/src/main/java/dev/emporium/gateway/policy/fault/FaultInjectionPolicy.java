package dev.emporium.gateway.policy.fault;

import dev.emporium.gateway.policy.Exchange;
import dev.emporium.gateway.policy.Policy;
import dev.emporium.gateway.policy.ProxyResponse;
import dev.emporium.gateway.problem.Problem;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Injects faults into a route's requests: waits on a Vert.x timer (the event loop is never held),
 * then answers with the configured status instead of the upstream, each for its own share of
 * requests, drawn independently. Counted in {@code gateway_fault_injections_total{route,fault}}.
 */
final class FaultInjectionPolicy implements Policy {

  private final FaultInjectionConfig.Delay delay;
  private final FaultInjectionConfig.Abort abort;
  private final long delayMillis;
  private final String route;
  private final Vertx vertx;
  private final Counter delayed;
  private final Counter aborted;

  FaultInjectionPolicy(FaultInjectionConfig config, String route, Vertx vertx, MeterRegistry meters) {
    this.delay = config.delay();
    this.abort = config.abort();
    this.delayMillis = delay == null ? 0 : Math.max(1, delay.duration().toMillis());
    this.route = route;
    this.vertx = vertx;
    this.delayed = counter(meters, route, "delay");
    this.aborted = counter(meters, route, "abort");
  }

  private static Counter counter(MeterRegistry meters, String route, String fault) {
    return Counter.builder("gateway.fault.injections")
        .description("Faults injected into requests by the fault-injection policy")
        .tags("route", route, "fault", fault)
        .register(meters);
  }

  @Override
  public Future<ProxyResponse> onRequest(Exchange exchange) {
    if (delay != null && drawn(delay.share())) {
      delayed.increment();
      exchange.mark("fault-delay", delayMillis);
      Promise<Void> waited = Promise.promise();
      vertx.setTimer(delayMillis, id -> waited.complete());
      return waited.future().compose(v -> abortOrProceed(exchange));
    }
    return abortOrProceed(exchange);
  }

  private Future<ProxyResponse> abortOrProceed(Exchange exchange) {
    if (abort != null && drawn(abort.share())) {
      aborted.increment();
      exchange.mark("fault-abort", abort.status());
      return Future.succeededFuture(exchange.problem(new Problem(abort.status(), "fault-injected", "Injected Fault",
          "Fault injection on route '" + route + "' answered " + abort.status() + " for this request")));
    }
    return exchange.proceed();
  }

  /** Exact at the ends: a share of 1.0 always draws, 0.0 never does. */
  private static boolean drawn(double share) {
    return share >= 1.0 || share > 0.0 && ThreadLocalRandom.current().nextDouble() < share;
  }
}
