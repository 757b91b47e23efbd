package dev.emporium.messaging.behaviour;

/**
 * What the behaviour decided for one delivery: how long to wait, and whether to refuse it after that.
 *
 * @param delayMs latency to add before anything else
 * @param fail refuse the delivery (nothing is kept)
 * @param status the HTTP status of a refusal
 */
public record Fault(long delayMs, boolean fail, int status) {}
