package dev.emporium.shipping.shipment;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * What the service knows of an order so far. The order (OrderCreated on {@code order-events}) and
 * its reservation (InventoryReserved on {@code inventory-events}) come from two topics, so either
 * may come first: each is kept until the other arrives, and only then is the shipment decided.
 *
 * @param userId null until OrderCreated arrived
 * @param items null until OrderCreated arrived
 * @param address null until OrderCreated arrived
 * @param lines null until InventoryReserved arrived
 */
public record ShippingOrder(String orderId, @Nullable String userId, @Nullable List<OrderItem> items,
    @Nullable Address address, @Nullable List<PickLine> lines, boolean cancelled, OrderOutcome outcome) {

  public boolean ordered() {
    return userId != null;
  }

  public boolean reserved() {
    return lines != null;
  }

  /** This order with what OrderCreated said of it. */
  public ShippingOrder withOrder(String userId, List<OrderItem> items, @Nullable Address address) {
    return new ShippingOrder(orderId, userId, List.copyOf(items), address, lines, cancelled, outcome);
  }

  /** This order with its reservation's lines. */
  public ShippingOrder withLines(List<PickLine> lines) {
    return new ShippingOrder(orderId, userId, items, address, List.copyOf(lines), cancelled, outcome);
  }

  /** What is to be done now; {@code serves} tells whether a country is within the service's reach. */
  public Decision decide(Predicate<String> serves) {
    if (outcome != OrderOutcome.PENDING || cancelled || !ordered() || !reserved()) {
      return new Decision.Wait();
    }
    if (address == null) {
      return new Decision.Fail(ShipmentFailure.INVALID_ADDRESS, "the order has no shipping address");
    }
    Optional<String> defect = address.defect();
    if (defect.isPresent()) {
      return new Decision.Fail(ShipmentFailure.INVALID_ADDRESS, defect.get());
    }
    if (!serves.test(address.country())) {
      return new Decision.Fail(ShipmentFailure.ADDRESS_UNSERVICEABLE,
          "no carrier of this service delivers to " + address.country().toUpperCase(Locale.ROOT));
    }
    return new Decision.Ship();
  }

  /** The next step for an order. */
  public sealed interface Decision {

    /** Nothing to do yet (or any more): the order, its reservation or both are missing, or it is decided. */
    record Wait() implements Decision {}

    /** The order and its reservation are here and the address is served: create the shipment. */
    record Ship() implements Decision {}

    /** The order cannot be shipped. */
    record Fail(ShipmentFailure reason, String detail) implements Decision {}
  }
}
