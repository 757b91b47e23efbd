package dev.emporium.gateway.policy.auth;

import java.util.List;

/**
 * Who a request was verified to come from. An authentication policy attaches it to the exchange
 * ({@code exchange.attachment(Identity.class)}) and sends it upstream as headers; later policies
 * (authorize, rate limits keyed by user) read it from the attachment, never from client headers.
 *
 * @param subject the user ({@code sub}), or null when the caller is a consumer rather than a user
 * @param consumer the API consumer's name, or null when not authenticated by an API key
 * @param roles roles granted, possibly empty
 * @param scopes OAuth scopes granted, possibly empty
 * @param method how it was verified: {@code jwt}, {@code api-key} or {@code introspection}
 */
public record Identity(String subject, String consumer, List<String> roles, List<String> scopes, String method) {

  public Identity {
    roles = roles == null ? List.of() : List.copyOf(roles);
    scopes = scopes == null ? List.of() : List.copyOf(scopes);
  }

  /** The name a rate limit or a log line keys on: the subject, else the consumer. */
  public String principal() {
    return subject != null ? subject : consumer;
  }
}
