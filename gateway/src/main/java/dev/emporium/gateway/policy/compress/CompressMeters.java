package dev.emporium.gateway.policy.compress;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;

/** A route's compression meters: responses compressed by encoding, and bytes before and after. */
final class CompressMeters {

  private final List<String> encodings;
  private final Counter[] responses;
  private final Counter bytesIn;
  private final Counter bytesOut;

  CompressMeters(MeterRegistry registry, String route, List<String> encodings) {
    this.encodings = encodings;
    this.responses = new Counter[encodings.size()];
    for (int i = 0; i < encodings.size(); i++) {
      responses[i] = Counter.builder("gateway.compress.responses")
          .description("Responses compressed by the gateway, by route and encoding")
          .tags("route", route, "encoding", encodings.get(i))
          .register(registry);
    }
    bytesIn = Counter.builder("gateway.compress.bytes").description("Body bytes before and after compression")
        .baseUnit("bytes").tags("route", route, "stage", "in").register(registry);
    bytesOut = Counter.builder("gateway.compress.bytes").description("Body bytes before and after compression")
        .baseUnit("bytes").tags("route", route, "stage", "out").register(registry);
  }

  void compressed(String encoding) {
    responses[encodings.indexOf(encoding)].increment();
  }

  void bytes(long in, long out) {
    if (in > 0) bytesIn.increment(in);
    if (out > 0) bytesOut.increment(out);
  }
}
