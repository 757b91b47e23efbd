package dev.emporium.psp.behaviour;

/**
 * What the behaviour decided for one call: how long to wait, and whether to fail it after that.
 *
 * @param delayMs latency to add before anything else
 * @param kind {@link Kind#NONE} to process the call normally
 */
public record Fault(long delayMs, Kind kind) {

  public enum Kind {
    NONE, FAILURE, TIMEOUT
  }
}
