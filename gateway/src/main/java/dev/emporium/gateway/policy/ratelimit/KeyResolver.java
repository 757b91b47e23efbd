package dev.emporium.gateway.policy.ratelimit;

import dev.emporium.gateway.policy.Exchange;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What one limit counts a request against. The kind is part of the key ({@code u:alice},
 * {@code ip:192.0.2.1}), so a user who falls back to the address never shares a bucket with a user
 * whose name happens to be that address.
 */
final class KeyResolver {

  /** Longer values are hashed: a key's size in memory or Redis stays bounded whatever a client sends. */
  static final int MAX_PLAIN_LENGTH = 128;

  private final String kind;
  private final String header;
  private final boolean refuseWhenMissing;
  private final String prefix;

  KeyResolver(LimitConfig limit) {
    this.kind = limit.key();
    this.header = limit.header();
    this.refuseWhenMissing = limit.whenMissing().equals("refuse");
    this.prefix = switch (kind) {
      case "user" -> "u:";
      case "consumer" -> "c:";
      default -> "h:";
    };
  }

  /** The key, or null when the request has none and the limit refuses such requests. */
  String resolve(Exchange exchange) {
    switch (kind) {
      case "ip":
        return "ip:" + exchange.clientAddress();
      case "route":
        return "route";
      default:
        // user and consumer come from the identity policy, which set them on the upstream
        // headers after removing any copy the client sent; a named header is read there too.
        String value = exchange.upstreamHeaders().get(header);
        if (value == null || value.isBlank()) {
          return refuseWhenMissing ? null : "ip:" + exchange.clientAddress();
        }
        return value.length() <= MAX_PLAIN_LENGTH ? prefix + value : prefix + "sha256:" + sha256(value);
    }
  }

  /** Whether this limit needs an identity that the request may lack. */
  boolean needsIdentity() {
    return !kind.equals("ip") && !kind.equals("route");
  }

  private static String sha256(String value) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
