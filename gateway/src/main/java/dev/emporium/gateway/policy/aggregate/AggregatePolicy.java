package dev.emporium.gateway.policy.aggregate;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.emporium.gateway.policy.Exchange;
import dev.emporium.gateway.policy.Policy;
import dev.emporium.gateway.policy.PolicyContext;
import dev.emporium.gateway.policy.ProxyResponse;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers a request with one JSON document merged from several upstream calls (parts), made in
 * parallel except where one part needs another's result. Each part has its own timeout; a
 * required part that fails fails the request with its status, an optional one falls back and is
 * listed in {@code _partial}. Never forwards: policies after it in the chain do not run.
 */
final class AggregatePolicy implements Policy {

  /** Strict: a part's body with anything after its JSON value is not JSON. */
  static final ObjectMapper JSON = new ObjectMapper()
      .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  final List<PartPlan> parts;
  final Map<String, Integer> indexByName;
  final long maxPartBodyBytes;
  final List<String> propagateHeaders;

  AggregatePolicy(AggregateConfig config, PolicyContext context) {
    Map<String, Integer> indexes = new HashMap<>();
    List<String> names = new ArrayList<>(config.parts().keySet());
    for (int i = 0; i < names.size(); i++) indexes.put(names.get(i), i);
    List<PartPlan> plans = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      PartConfig part = config.parts().get(names.get(i));
      int[] deps = AggregateConfig.dependenciesOf(part).stream().mapToInt(indexes::get).toArray();
      plans.add(new PartPlan(i, names.get(i), part, deps, context.routeName(), context.meters()));
    }
    this.parts = List.copyOf(plans);
    this.indexByName = Map.copyOf(indexes);
    this.maxPartBodyBytes = config.maxPartBodySize().bytes();
    this.propagateHeaders = config.propagateHeaders();
  }

  @Override
  public Future<ProxyResponse> onRequest(Exchange exchange) {
    return new Aggregation(this, exchange).run();
  }
}
