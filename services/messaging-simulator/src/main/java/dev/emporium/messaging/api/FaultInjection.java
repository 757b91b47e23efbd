package dev.emporium.messaging.api;

import dev.emporium.messaging.behaviour.BehaviourControl;
import dev.emporium.messaging.behaviour.Channel;
import dev.emporium.messaging.behaviour.Fault;
import dev.emporium.platform.service.problem.ProblemException;
import dev.emporium.platform.service.problem.ProblemType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Applies a channel's behaviour to each delivery ({@code POST /v1/sms}, {@code POST /v1/push})
 * before its handler runs: waits the drawn latency, then either lets it through or refuses it with
 * the behaviour's status (503 or 500), delivering nothing. Listings ({@code GET}) are the
 * simulator's own view and are never delayed or failed. Requests run on virtual threads, so a
 * delayed request costs no platform thread.
 */
class FaultInjection implements HandlerInterceptor {

  private final BehaviourControl behaviour;
  private final Channel channel;
  private final Counter injected;

  FaultInjection(BehaviourControl behaviour, Channel channel, MeterRegistry meters) {
    this.behaviour = behaviour;
    this.channel = channel;
    this.injected = Counter.builder("messaging.injected.failures").tag("channel", channel.id())
        .description("Deliveries refused on purpose by the behaviour, by channel").register(meters);
  }

  static Map<Channel, FaultInjection> forApis(BehaviourControl behaviour, MeterRegistry meters) {
    Map<Channel, FaultInjection> all = new EnumMap<>(Channel.class);
    all.put(Channel.SMS, new FaultInjection(behaviour, Channel.SMS, meters));
    all.put(Channel.PUSH, new FaultInjection(behaviour, Channel.PUSH, meters));
    return all;
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
      throws InterruptedException {
    if (!"POST".equals(request.getMethod())) {
      return true;
    }
    Fault fault = behaviour.decide(channel);
    if (fault.delayMs() > 0) {
      Thread.sleep(fault.delayMs());
    }
    if (fault.fail()) {
      injected.increment();
      String detail = "Injected failure: the " + channel.id() + " was not delivered.";
      throw fault.status() == 500
          ? new ProblemException(HttpStatus.INTERNAL_SERVER_ERROR, ProblemType.INTERNAL, detail)
          : new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, ProblemType.UNAVAILABLE, detail);
    }
    return true;
  }
}
