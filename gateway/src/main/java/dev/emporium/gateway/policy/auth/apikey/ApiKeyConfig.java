package dev.emporium.gateway.policy.auth.apikey;

import dev.emporium.gateway.policy.auth.IdentityHeaders;
import dev.emporium.gateway.policy.auth.Refusals;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code api-key} policy's settings. Keys are never written in configuration: only their
 * SHA-256, in hex ({@code printf '%s' "$KEY" | sha256sum}).
 *
 * @param header the header the key is sent in
 * @param consumers who may call, each with the hashes of its keys
 * @param forwardKey whether the key header also goes upstream
 * @param realm the realm named in {@code WWW-Authenticate}
 */
public record ApiKeyConfig(String header, List<Consumer> consumers, Boolean forwardKey, String realm) {

  /**
   * @param name the consumer's name, sent upstream as {@code X-Consumer}
   * @param keyHashes SHA-256 hashes (64 hex digits) of its keys; several allow rotation
   * @param roles roles granted to it, sent as {@code X-User-Roles}
   * @param scopes scopes granted to it, sent as {@code X-Scopes}
   */
  public record Consumer(String name, List<String> keyHashes, List<String> roles, List<String> scopes) {
    public Consumer {
      if (name == null || !IdentityHeaders.isHeaderValue(name)) {
        throw new IllegalArgumentException("consumers: each needs a name of visible ASCII characters");
      }
      keyHashes = keyHashes == null ? List.of() : keyHashes.stream().map(h -> h == null ? "" : h.trim().toLowerCase(Locale.ROOT)).toList();
      roles = roles == null ? List.of() : List.copyOf(roles);
      scopes = scopes == null ? List.of() : List.copyOf(scopes);
      if (keyHashes.isEmpty()) throw new IllegalArgumentException("consumers: '" + name + "' has no keyHashes");
      for (String h : keyHashes) {
        if (h.length() != 64 || !h.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
          throw new IllegalArgumentException("consumers: '" + name
              + "' has a keyHash that is not a SHA-256 in hex (64 hex digits; printf '%s' \"$KEY\" | sha256sum)");
        }
      }
      for (String v : roles) {
        if (!IdentityHeaders.isListElement(v)) throw new IllegalArgumentException("consumers: '" + name + "': role '" + v + "' cannot be sent in a header");
      }
      for (String v : scopes) {
        if (!IdentityHeaders.isListElement(v)) throw new IllegalArgumentException("consumers: '" + name + "': scope '" + v + "' cannot be sent in a header");
      }
    }

    byte[][] hashBytes() {
      return keyHashes.stream().map(HexFormat.of()::parseHex).toArray(byte[][]::new);
    }
  }

  public ApiKeyConfig {
    header = header == null ? "X-Api-Key" : header;
    consumers = consumers == null ? List.of() : List.copyOf(consumers);
    forwardKey = forwardKey == null ? Boolean.FALSE : forwardKey;
    realm = realm == null ? "emporium" : realm;
    if (header.isBlank() || !header.chars().allMatch(c -> c > 0x20 && c < 0x7f && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0)) {
      throw new IllegalArgumentException("header: '" + header + "' is not a header name");
    }
    if (consumers.isEmpty()) throw new IllegalArgumentException("consumers: at least one consumer is needed");
    Set<String> names = new HashSet<>();
    Set<String> hashes = new HashSet<>();
    for (Consumer c : consumers) {
      if (!names.add(c.name())) throw new IllegalArgumentException("consumers: '" + c.name() + "' is listed twice");
      for (String h : c.keyHashes()) {
        if (!hashes.add(h)) throw new IllegalArgumentException("consumers: a key hash is given to more than one consumer");
      }
    }
    if (!Refusals.isValidRealm(realm)) {
      throw new IllegalArgumentException("realm: must be 1-128 visible ASCII characters without quotes or backslashes");
    }
  }
}
