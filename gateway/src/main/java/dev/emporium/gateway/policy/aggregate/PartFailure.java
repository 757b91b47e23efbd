package dev.emporium.gateway.policy.aggregate;

/**
 * Why a part has no result.
 *
 * @param status the status the client gets if the part is required: the part's own 4xx or 5xx
 *     when it answered with one, else the gateway's (502, 503, 504)
 * @param cause a short type: {@code upstream-status} when the part answered with an error, else
 *     the gateway's problem type ({@code upstream-timeout}, {@code circuit-open}, {@code invalid-json},
 *     {@code dependency-missing}, ...)
 * @param detail what happened, naming the part
 * @param partStatus the status the part answered with, or 0 when it did not answer
 * @param retryAfter the Retry-After to pass on, or null
 */
record PartFailure(int status, String cause, String detail, int partStatus, String retryAfter) {}
