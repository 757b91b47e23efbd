package dev.emporium.gateway.config;

import java.time.Duration;

/**
 * Limits on what a client may send. Every request over a limit is refused with a precise status
 * (414, 431, 413) rather than buffered; a client too slow to send its request head is disconnected
 * rather than left hanging.
 *
 * @param maxRequestLineLength longest request line (method, target, version), else 414
 * @param maxHeaderSize total size of the header block, else 431
 * @param maxHeaderCount number of header fields, else 431
 * @param maxBodySize largest request body, else 413; 0 means no limit
 * @param headerReadTimeout time a client has to send a complete request head, else the connection
 *     closes unanswered
 * @param idleTimeout a client connection with no traffic for this long is closed
 */
public record LimitsConfig(
    Integer maxRequestLineLength,
    ByteSize maxHeaderSize,
    Integer maxHeaderCount,
    ByteSize maxBodySize,
    Duration headerReadTimeout,
    Duration idleTimeout) {

  public static final LimitsConfig DEFAULTS = new LimitsConfig(null, null, null, null, null, null);

  public LimitsConfig {
    maxRequestLineLength = maxRequestLineLength == null ? 8192 : maxRequestLineLength;
    maxHeaderSize = maxHeaderSize == null ? ByteSize.ofKibibytes(16) : maxHeaderSize;
    maxHeaderCount = maxHeaderCount == null ? 100 : maxHeaderCount;
    maxBodySize = maxBodySize == null ? ByteSize.ofMebibytes(10) : maxBodySize;
    headerReadTimeout = headerReadTimeout == null ? Duration.ofSeconds(10) : headerReadTimeout;
    idleTimeout = idleTimeout == null ? Duration.ofSeconds(60) : idleTimeout;
  }
}
