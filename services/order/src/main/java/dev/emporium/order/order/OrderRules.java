package dev.emporium.order.order;

import dev.emporium.order.OrderProperties.Limits;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The rules an order request must keep before anything is looked up, with the configured limits.
 * Every broken rule is reported, each naming its field.
 *
 * <p>Lines naming one product are merged into one (in the order of their first appearance), and
 * the merged quantity must keep the quantity limit: a client splitting a product over lines gets
 * the same order as one sending it on one line.
 */
public final class OrderRules {

  public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
  private static final Pattern UUID = Pattern.compile(
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Pattern PRINTABLE_ASCII = Pattern.compile("[\\x21-\\x7e]+");
  private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

  private final Limits limits;

  public OrderRules(Limits limits) {
    this.limits = limits;
  }

  /** The longest user id an order can carry (the order events' schema limit). */
  public static final int MAX_USER_ID_LENGTH = 255;

  /** @throws InvalidOrderException when the gateway's user id is longer than an order event may carry */
  public void requireUserId(String userId) {
    if (userId.length() > MAX_USER_ID_LENGTH) {
      throw new InvalidOrderException(List.of(new Violation("X-User-Id", "must be at most " + MAX_USER_ID_LENGTH
          + " characters long", "Size", Map.of("max", MAX_USER_ID_LENGTH))));
    }
  }

  /** @throws InvalidOrderException unless {@code key} is 1 to max-idempotency-key-length printable ASCII characters */
  public void requireIdempotencyKey(@Nullable String key) {
    if (key == null || key.isEmpty()) {
      throw new InvalidOrderException(List.of(new Violation(IDEMPOTENCY_KEY,
          "the header is required: a unique key per order, repeated when the request is retried", "NotBlank",
          Map.of())));
    }
    if (key.length() > limits.maxIdempotencyKeyLength() || !PRINTABLE_ASCII.matcher(key).matches()) {
      throw new InvalidOrderException(List.of(new Violation(IDEMPOTENCY_KEY,
          "must be 1 to " + limits.maxIdempotencyKeyLength() + " printable ASCII characters without spaces", "Size",
          Map.of("min", 1, "max", limits.maxIdempotencyKeyLength()))));
    }
  }

  /** @throws InvalidOrderException listing every broken rule of {@code request} */
  public void check(PlaceOrder request) {
    List<Violation> violations = new ArrayList<>();
    checkItems(request, violations);
    checkAddress(request.shippingAddress(), violations);
    text(violations, "paymentMethod", request.paymentMethod(), limits.maxPaymentMethodLength(), true);
    if (!violations.isEmpty()) {
      throw new InvalidOrderException(violations);
    }
  }

  /** The lines of a request that passed {@link #check}, one per product, quantities merged. */
  public static List<Requested> merged(List<PlaceOrder.Item> items) {
    Map<String, Integer> quantities = new LinkedHashMap<>();
    for (PlaceOrder.Item item : items) {
      quantities.merge(item.productId().toLowerCase(Locale.ROOT), item.quantity(), Integer::sum);
    }
    return quantities.entrySet().stream().map(e -> new Requested(e.getKey(), e.getValue())).toList();
  }

  /** A product and how many units of it the order asks for. */
  public record Requested(String productId, int quantity) {}

  /**
   * Checks lines that came from the cart against the order limits.
   *
   * @throws UnorderableException when the cart is empty or holds more than one order may
   */
  public List<Requested> fromCart(List<Requested> lines) {
    if (lines.isEmpty()) {
      throw new UnorderableException("the cart is empty: there is nothing to order",
          List.of(new Violation("fromCart", "the cart is empty", "NotEmpty", Map.of())));
    }
    List<Violation> violations = new ArrayList<>();
    if (lines.size() > limits.maxLines()) {
      violations.add(new Violation("fromCart", "the cart holds " + lines.size() + " products; an order holds at most "
          + limits.maxLines(), "Size", Map.of("max", limits.maxLines())));
    }
    for (Requested line : lines) {
      if (line.productId() == null || !UUID.matcher(line.productId()).matches()) {
        violations.add(new Violation("fromCart", "the cart holds a product id that is not a UUID", "Pattern", Map.of()));
      } else if (line.quantity() < 1 || line.quantity() > limits.maxQuantity()) {
        violations.add(new Violation("fromCart", "the cart holds " + line.quantity() + " units of product "
            + line.productId() + "; an order line holds 1 to " + limits.maxQuantity(), "Range",
            Map.of("min", 1, "max", limits.maxQuantity())));
      }
    }
    if (!violations.isEmpty()) {
      throw new UnorderableException("the cart cannot be ordered as it is", violations);
    }
    return lines;
  }

  private void checkItems(PlaceOrder request, List<Violation> violations) {
    List<PlaceOrder.Item> items = request.items();
    if (request.isFromCart()) {
      if (items != null && !items.isEmpty()) {
        violations.add(new Violation("items", "must be absent when fromCart is true", "Null", Map.of()));
      }
      return;
    }
    if (items == null || items.isEmpty()) {
      violations.add(new Violation("items", "must list 1 to " + limits.maxLines() + " items, or set fromCart: true",
          "Size", Map.of("min", 1, "max", limits.maxLines())));
      return;
    }
    if (items.size() > limits.maxLines()) {
      violations.add(new Violation("items", "must list at most " + limits.maxLines() + " items", "Size",
          Map.of("min", 1, "max", limits.maxLines())));
      return;
    }
    Map<String, Integer> merged = new LinkedHashMap<>();
    Map<String, Integer> firstIndex = new LinkedHashMap<>();
    for (int i = 0; i < items.size(); i++) {
      PlaceOrder.Item item = items.get(i);
      String at = "items[" + i + "]";
      if (item == null) {
        violations.add(new Violation(at, "must be an object {productId, quantity}", "NotNull", Map.of()));
        continue;
      }
      boolean validId = item.productId() != null && UUID.matcher(item.productId()).matches();
      if (!validId) {
        violations.add(new Violation(at + ".productId", "must be a product id (a UUID)", "Pattern", Map.of()));
      }
      if (item.quantity() == null || item.quantity() < 1 || item.quantity() > limits.maxQuantity()) {
        violations.add(quantity(at + ".quantity"));
      } else if (validId) {
        String id = item.productId().toLowerCase(Locale.ROOT);
        merged.merge(id, item.quantity(), Integer::sum);
        firstIndex.putIfAbsent(id, i);
      }
    }
    merged.forEach((id, total) -> {
      if (total > limits.maxQuantity()) {
        violations.add(new Violation("items[" + firstIndex.get(id) + "].quantity", "product " + id + " is ordered "
            + total + " times over several lines; an order holds 1 to " + limits.maxQuantity() + " of a product",
            "Range", Map.of("min", 1, "max", limits.maxQuantity())));
      }
    });
  }

  private Violation quantity(String field) {
    return new Violation(field, "must be between 1 and " + limits.maxQuantity(), "Range",
        Map.of("min", 1, "max", limits.maxQuantity()));
  }

  private void checkAddress(PlaceOrder.@Nullable Address address, List<Violation> violations) {
    if (address == null) {
      violations.add(new Violation("shippingAddress", "is required", "NotNull", Map.of()));
      return;
    }
    text(violations, "shippingAddress.name", address.name(), limits.maxNameLength(), true);
    text(violations, "shippingAddress.line1", address.line1(), limits.maxAddressLineLength(), true);
    text(violations, "shippingAddress.line2", address.line2(), limits.maxAddressLineLength(), false);
    text(violations, "shippingAddress.city", address.city(), limits.maxCityLength(), true);
    text(violations, "shippingAddress.postalCode", address.postalCode(), limits.maxPostalCodeLength(), true);
    if (address.country() == null || !COUNTRIES.contains(address.country())) {
      violations.add(new Violation("shippingAddress.country", "must be an ISO 3166-1 alpha-2 country code in "
          + "upper case, such as DE or FR", "Pattern", Map.of()));
    }
  }

  private static void text(List<Violation> violations, String field, @Nullable String value, int max,
      boolean required) {
    if (value == null || value.isBlank()) {
      if (required) {
        violations.add(new Violation(field, "must not be blank", "NotBlank", Map.of()));
      }
      return;
    }
    if (value.length() > max) {
      violations.add(new Violation(field, "must be at most " + max + " characters long", "Size", Map.of("max", max)));
    } else if (value.chars().anyMatch(Character::isISOControl)) {
      violations.add(new Violation(field, "must not contain control characters", "Pattern", Map.of()));
    }
  }
}
