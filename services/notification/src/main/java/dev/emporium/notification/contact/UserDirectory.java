package dev.emporium.notification.contact;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.emporium.notification.NotificationProperties;
import dev.emporium.notification.delivery.HttpClients;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Looks up users' contacts at the user service ({@code GET /internal/users/{id}/contact}, with
 * connect and read timeouts) and keeps them a short while (bounded, {@code users.cache-ttl}), so a
 * burst of notifications to one user asks once. Only answers are cached: a failure is asked again.
 */
@Component
public class UserDirectory {

  private final RestClient http;
  private final Cache<String, Contact> cache;

  public UserDirectory(RestClient.Builder builder, NotificationProperties properties) {
    NotificationProperties.Users users = properties.users();
    this.http = builder.clone()
        .baseUrl(users.baseUrl().toString())
        .requestFactory(HttpClients.requestFactory(users.connectTimeout(), users.readTimeout()))
        .build();
    this.cache = Caffeine.newBuilder().maximumSize(users.cacheSize()).expireAfterWrite(users.cacheTtl()).build();
  }

  /**
   * @throws UnknownUserException when the user service answers 404
   * @throws ContactUnavailableException when it cannot be reached, times out or answers otherwise
   */
  public Contact contact(String userId) {
    Contact cached = cache.getIfPresent(userId);
    if (cached != null) {
      return cached;
    }
    Contact contact = fetch(userId);
    cache.put(userId, contact);
    return contact;
  }

  private Contact fetch(String userId) {
    Contact contact;
    try {
      contact = http.get().uri("/internal/users/{id}/contact", userId).retrieve()
          .onStatus(status -> status.value() == 404, (request, response) -> {
            throw new UnknownUserException(userId);
          })
          .onStatus(HttpStatusCode::isError, (request, response) -> {
            throw new ContactUnavailableException("the user service answered " + response.getStatusCode().value()
                + " for the contact of " + userId, null);
          })
          .body(Contact.class);
    } catch (RestClientException e) {
      throw new ContactUnavailableException("the user service did not answer for the contact of " + userId + ": "
          + e.getMessage(), e);
    }
    if (contact == null || contact.email() == null || contact.email().isBlank()) {
      throw new ContactUnavailableException("the user service answered no email for " + userId, null);
    }
    return contact;
  }
}
