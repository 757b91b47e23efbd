package dev.emporium.payment;

import dev.emporium.platform.testing.HttpTestClient;
import dev.emporium.psp.PspApplication;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * The real PSP simulator, started in the test JVM as its own Spring application on a random port,
 * with a probe in front of its API that records every call it answered (path, idempotency key,
 * status, whether it was a replay) and how many were in progress at once. It shares the test's
 * classpath, so the payment service's auto-configured infrastructure (database, Kafka, events) is
 * switched off for it, and it reads no application.properties.
 */
public final class Psp implements AutoCloseable {

  /** One call the simulator answered. */
  public record Call(String path, String key, int status, boolean replayed) {

    /** A charge or refund the processor actually made (a first answer, not a replay). */
    boolean moved() {
      return !replayed && (status == 201 || status == 402);
    }
  }

  /** Counts the calls in progress at the simulator (latency included) and records each answer. */
  static final class Probe {
    final List<Call> calls = new CopyOnWriteArrayList<>();
    final List<String> arrivals = new CopyOnWriteArrayList<>();
    final AtomicInteger inProgress = new AtomicInteger();
    final AtomicInteger maxInProgress = new AtomicInteger();

    Filter filter() {
      return (request, response, chain) -> {
        HttpServletRequest http = (HttpServletRequest) request;
        if (!http.getRequestURI().startsWith("/v1/")) {
          chain.doFilter(request, response);
          return;
        }
        String key = http.getHeader("Idempotency-Key");
        arrivals.add(key);
        maxInProgress.accumulateAndGet(inProgress.incrementAndGet(), Math::max);
        try {
          chain.doFilter(request, response);
        } finally {
          inProgress.decrementAndGet();
          HttpServletResponse answer = (HttpServletResponse) response;
          calls.add(new Call(http.getRequestURI(), key, answer.getStatus(),
              "true".equals(answer.getHeader("Idempotent-Replayed"))));
        }
      };
    }
  }

  private static final String EXCLUDED = String.join(",",
      "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
      "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
      "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
      "org.springframework.boot.kafka.autoconfigure.metrics.KafkaMetricsAutoConfiguration",
      "dev.emporium.platform.events.EventsAutoConfiguration");

  private final ConfigurableApplicationContext context;
  private final Probe probe;
  private final HttpTestClient admin;
  private final int port;

  private Psp(ConfigurableApplicationContext context, Probe probe) {
    this.context = context;
    this.probe = probe;
    this.port = ((WebServerApplicationContext) context).getWebServer().getPort();
    this.admin = HttpTestClient.forPort(port);
  }

  public static Psp start() {
    Probe probe = new Probe();
    ConfigurableApplicationContext context = new SpringApplicationBuilder(PspApplication.class)
        .properties(Map.of(
            "spring.config.name", "psp-simulator-in-test",
            "spring.application.name", "psp-simulator",
            "server.port", "0",
            "spring.autoconfigure.exclude", EXCLUDED,
            "emporium.psp.timeout-hold", "5s",
            "logging.structured.format.console", ""))
        .initializers(ctx -> ((GenericApplicationContext) ctx).registerBean("callProbe", Filter.class, probe::filter))
        .run();
    return new Psp(context, probe);
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /** Replaces the simulator's behaviour: e.g. {@code Map.of("latencyMs", 1500)} or {@code Map.of("failureRate", 1)}. */
  public void behave(Map<String, Object> behaviour) {
    int status = admin.put("/admin/behaviour", behaviour).status();
    if (status != 200) {
      throw new IllegalStateException("PUT /admin/behaviour answered " + status);
    }
  }

  public void reset() {
    admin.delete("/admin/behaviour");
  }

  public HttpTestClient client() {
    return admin;
  }

  /** Every call answered under {@code key} (the order id for its charge, {@code refund-<order id>} for its refund). */
  public List<Call> calls(String key) {
    return probe.calls.stream().filter(c -> key.equals(c.key())).toList();
  }

  /** How many charges (or refunds) the processor really made under {@code key}, replays not counted. */
  public long moved(String key) {
    return calls(key).stream().filter(Call::moved).count();
  }

  public boolean arrived(String key) {
    return probe.arrivals.contains(key);
  }

  public int maxInProgress() {
    return probe.maxInProgress.get();
  }

  public void resetMaxInProgress() {
    probe.maxInProgress.set(probe.inProgress.get());
  }

  @Override
  public void close() {
    context.close();
  }
}
