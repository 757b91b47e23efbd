package dev.emporium.order.cart;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Objects;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Reads {@code GET /api/cart} of the cart service as the user (the gateway's {@code X-User-Id},
 * forwarded). The RestClient carries the request's trace context and has the configured timeout.
 */
public class HttpCartClient implements CartClient {

  static final String USER_ID = "X-User-Id";

  private final RestClient http;

  public HttpCartClient(RestClient http) {
    this.http = http;
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  record CartResponse(List<Item> items) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Item(String productId, Integer quantity) {}
  }

  @Override
  public List<CartLine> lines(String userId) {
    CartResponse cart;
    try {
      cart = http.get().uri("/api/cart").header(USER_ID, userId).accept(MediaType.APPLICATION_JSON)
          .retrieve().body(CartResponse.class);
    } catch (RestClientException e) {
      throw new CartUnavailableException("cart service: " + e.getMessage(), e);
    }
    if (cart == null || cart.items() == null) {
      return List.of();
    }
    return cart.items().stream().filter(Objects::nonNull)
        .map(item -> new CartLine(item.productId(), item.quantity() == null ? 0 : item.quantity()))
        .toList();
  }
}
