package dev.emporium.order.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.emporium.order.OrderProperties.Limits;
import dev.emporium.order.order.OrderRules.Requested;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OrderRulesTest {

  static final Limits LIMITS = new Limits(3, 5, 16, 10, 20, 10, 8, 12);
  static final OrderRules RULES = new OrderRules(LIMITS);
  static final PlaceOrder.Address ADDRESS = new PlaceOrder.Address("Ada", "1 Row", null, "London", "N1", "GB");
  static final String P1 = UUID.randomUUID().toString();
  static final String P2 = UUID.randomUUID().toString();

  static List<String> fieldsOf(Runnable check) {
    try {
      check.run();
    } catch (InvalidOrderException e) {
      return e.violations().stream().map(Violation::field).toList();
    }
    return List.of();
  }

  @Test
  void aValidRequestPasses() {
    assertThat(fieldsOf(() -> RULES.check(new PlaceOrder(List.of(new PlaceOrder.Item(P1, 5)), null, ADDRESS,
        "tok_visa")))).isEmpty();
  }

  @Test
  void namesEveryBrokenField() {
    var address = new PlaceOrder.Address("", "x".repeat(21), null, null, "123456789", "gb");
    var items = new ArrayList<PlaceOrder.Item>();
    items.add(new PlaceOrder.Item("not-a-uuid", 1));
    items.add(new PlaceOrder.Item(P1, 0));
    items.add(null);

    assertThat(fieldsOf(() -> RULES.check(new PlaceOrder(items, null, address, "t".repeat(13)))))
        .containsExactlyInAnyOrder("items[0].productId", "items[1].quantity", "items[2]", "shippingAddress.name",
            "shippingAddress.line1", "shippingAddress.city", "shippingAddress.postalCode", "shippingAddress.country",
            "paymentMethod");
  }

  @Test
  void itemsOrFromCartButNotBoth() {
    assertThat(fieldsOf(() -> RULES.check(new PlaceOrder(null, null, ADDRESS, "tok")))).containsExactly("items");
    assertThat(fieldsOf(() -> RULES.check(new PlaceOrder(List.of(), false, ADDRESS, "tok")))).containsExactly("items");
    assertThat(fieldsOf(() -> RULES.check(new PlaceOrder(List.of(new PlaceOrder.Item(P1, 1)), true, ADDRESS, "tok"))))
        .containsExactly("items");
    assertThat(fieldsOf(() -> RULES.check(new PlaceOrder(null, true, ADDRESS, "tok")))).isEmpty();
  }

  @Test
  void moreLinesThanTheLimitAreRefused() {
    List<PlaceOrder.Item> four = Collections.nCopies(4, new PlaceOrder.Item(P1, 1));

    assertThat(fieldsOf(() -> RULES.check(new PlaceOrder(four, null, ADDRESS, "tok")))).containsExactly("items");
  }

  @Test
  void linesOfOneProductAreMergedAndTheSumMustKeepTheQuantityLimit() {
    List<PlaceOrder.Item> split = List.of(new PlaceOrder.Item(P1, 2), new PlaceOrder.Item(P2, 1),
        new PlaceOrder.Item(P1.toUpperCase(), 3));
    assertThat(OrderRules.merged(split)).containsExactly(new Requested(P1, 5), new Requested(P2, 1));

    List<PlaceOrder.Item> tooMany = List.of(new PlaceOrder.Item(P1, 3), new PlaceOrder.Item(P1, 3));
    assertThat(fieldsOf(() -> RULES.check(new PlaceOrder(tooMany, null, ADDRESS, "tok"))))
        .containsExactly("items[0].quantity");
  }

  @Test
  void theIdempotencyKeyIsRequiredAndBounded() {
    assertThat(fieldsOf(() -> RULES.requireIdempotencyKey(null))).containsExactly("Idempotency-Key");
    assertThat(fieldsOf(() -> RULES.requireIdempotencyKey("x".repeat(17)))).containsExactly("Idempotency-Key");
    assertThat(fieldsOf(() -> RULES.requireIdempotencyKey("has space"))).containsExactly("Idempotency-Key");
    assertThat(fieldsOf(() -> RULES.requireIdempotencyKey("x".repeat(16)))).isEmpty();
  }

  @Test
  void anEmptyCartOrOneBeyondTheLimitsCannotBeOrdered() {
    assertThatThrownBy(() -> RULES.fromCart(List.of())).isInstanceOf(UnorderableException.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> RULES.fromCart(List.of(new Requested(P1, 6)))).isInstanceOf(UnorderableException.class)
        .satisfies(e -> assertThat(((UnorderableException) e).violations()).extracting(Violation::field)
            .containsExactly("fromCart"));
  }

  @Test
  void aUserIdLongerThanTheEventsCarryIsRefused() {
    assertThat(fieldsOf(() -> RULES.requireUserId("u".repeat(256)))).containsExactly("X-User-Id");
    assertThat(fieldsOf(() -> RULES.requireUserId("u".repeat(255)))).isEmpty();
  }
}
