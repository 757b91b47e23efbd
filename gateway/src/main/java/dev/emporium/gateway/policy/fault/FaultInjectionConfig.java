package dev.emporium.gateway.policy.fault;

import java.time.Duration;

/**
 * Settings of the {@code fault-injection} policy, for drills: a delay for a share of requests, an
 * abort for a share of requests, or both (a delayed request may then be aborted too).
 *
 * @param delay the delay to add, or null for none
 * @param abort the abort to answer with, or null for none
 */
public record FaultInjectionConfig(Delay delay, Abort abort) {

  public FaultInjectionConfig {
    if (delay == null && abort == null) throw new IllegalArgumentException("name a delay, an abort, or both");
  }

  /**
   * @param duration how long a delayed request waits before going on; required, at most 1 minute
   * @param share the share of requests delayed, 0.0 to 1.0; default 1.0
   */
  public record Delay(Duration duration, Double share) {
    public Delay {
      if (duration == null) throw new IllegalArgumentException("delay.duration is required");
      if (duration.isNegative() || duration.isZero() || duration.compareTo(Duration.ofMinutes(1)) > 0) {
        throw new IllegalArgumentException("delay.duration must be between 1ms and 1m; got " + duration);
      }
      share = checkedShare(share, "delay.share");
    }
  }

  /**
   * @param status the status answered, 400 to 599; default 503
   * @param share the share of requests aborted, 0.0 to 1.0; default 1.0
   */
  public record Abort(Integer status, Double share) {
    public Abort {
      status = status == null ? 503 : status;
      if (status < 400 || status > 599) throw new IllegalArgumentException("abort.status must be 400 to 599; got " + status);
      share = checkedShare(share, "abort.share");
    }
  }

  private static double checkedShare(Double share, String field) {
    if (share == null) return 1.0;
    if (share.isNaN() || share < 0.0 || share > 1.0) {
      throw new IllegalArgumentException(field + " must be between 0.0 and 1.0; got " + share);
    }
    return share;
  }
}
