package dev.emporium.messaging.api;

import dev.emporium.messaging.behaviour.Behaviour;
import dev.emporium.messaging.behaviour.BehaviourControl;
import dev.emporium.messaging.behaviour.Channel;
import dev.emporium.platform.service.problem.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Changes how each channel behaves while the simulator runs, so that a drill can make SMS fail
 * (and watch the notification service retry, then dead-letter) and heal it again. Takes effect for
 * deliveries arriving afterwards.
 */
@RestController
@RequestMapping("/admin/behaviour")
class BehaviourController {

  private final BehaviourControl control;

  BehaviourController(BehaviourControl control) {
    this.control = control;
  }

  @GetMapping
  @Operation(summary = "The behaviour in force, per channel (mail, sms, push)")
  Map<String, Behaviour> all() {
    Map<String, Behaviour> all = new LinkedHashMap<>();
    for (Channel channel : Channel.values()) {
      all.put(channel.id(), control.current(channel));
    }
    return all;
  }

  @GetMapping("/{channel}")
  @Operation(summary = "The behaviour of one channel")
  Behaviour get(@PathVariable String channel) {
    return control.current(channel(channel));
  }

  @PutMapping("/{channel}")
  @Operation(summary = "Replace one channel's behaviour (omitted fields are 0, the status 503)")
  Behaviour replace(@PathVariable String channel, @Valid @RequestBody BehaviourRequest request) {
    return control.replace(channel(channel), request.toBehaviour());
  }

  @DeleteMapping("/{channel}")
  @Operation(summary = "One channel back to the behaviour configured at start-up")
  Behaviour reset(@PathVariable String channel) {
    return control.reset(channel(channel));
  }

  @DeleteMapping
  @Operation(summary = "Every channel back to the behaviour configured at start-up")
  Map<String, Behaviour> resetAll() {
    for (Channel channel : Channel.values()) {
      control.reset(channel);
    }
    return all();
  }

  private static Channel channel(String id) {
    return Channel.of(id).orElseThrow(() -> ProblemException.notFound("channel " + id + " (mail, sms, push)"));
  }
}
