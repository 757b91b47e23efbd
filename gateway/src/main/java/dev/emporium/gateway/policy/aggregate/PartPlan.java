package dev.emporium.gateway.policy.aggregate;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;

/**
 * A part compiled for the request path: templates parsed, dependencies resolved to indexes,
 * counters registered.
 */
final class PartPlan {

  /** One call: the part's own, or its fallback call. */
  record Call(String cluster, String method, PathTemplate path, Duration timeout, JsonPointer select) {}

  final int index;
  final String name;
  final Call call;
  final Call fallbackCall;
  final boolean required;
  final JsonNode fallback;
  final Map<String, String> headers;
  /** Indexes of the parts that must finish first. */
  final int[] dependencies;
  final Counter ok;
  final Counter fellBack;
  final Counter failed;

  PartPlan(int index, String name, PartConfig config, int[] dependencies, String route, MeterRegistry meters) {
    this.index = index;
    this.name = name;
    this.call = new Call(config.cluster(), config.method(), PathTemplate.parse(config.path()), config.timeout(),
        config.select() == null ? null : JsonPointer.compile(config.select()));
    PartConfig.FallbackCallConfig fc = config.fallbackCall();
    this.fallbackCall = fc == null ? null : new Call(fc.cluster(), fc.method(), PathTemplate.parse(fc.path()),
        fc.timeout(), fc.select() == null ? null : JsonPointer.compile(fc.select()));
    this.required = config.required();
    this.fallback = config.fallback();
    this.headers = config.headers();
    this.dependencies = dependencies;
    this.ok = counter(meters, route, name, "ok");
    this.fellBack = counter(meters, route, name, "fallback");
    this.failed = counter(meters, route, name, "failed");
  }

  private static Counter counter(MeterRegistry meters, String route, String part, String result) {
    return Counter.builder("gateway.aggregate.parts")
        .description("Parts of aggregation requests, by result: ok, fallback (optional part failed), failed (required)")
        .tags("route", route, "part", part, "result", result)
        .register(meters);
  }
}
