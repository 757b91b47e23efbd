package dev.emporium.shipping.shipment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.shipping.shipment.ShippingOrder.Decision;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class ShippingOrderTest {

  static final Predicate<String> SERVES_DE = Set.of("DE")::contains;
  static final Address BERLIN = new Address("Ada", "Unter den Linden 1", null, "Berlin", "10117", "DE");
  static final List<OrderItem> ITEMS = List.of(new OrderItem("p-1", "Kettle", 1));
  static final List<PickLine> LINES = List.of(new PickLine("p-1", "berlin", 1));

  static ShippingOrder empty() {
    return new ShippingOrder("o-1", null, null, null, null, false, OrderOutcome.PENDING);
  }

  @Test
  void waitsUntilBothTheOrderAndItsReservationAreHereInEitherOrder() {
    assertThat(empty().decide(SERVES_DE)).isInstanceOf(Decision.Wait.class);
    assertThat(empty().withOrder("u-1", ITEMS, BERLIN).decide(SERVES_DE)).isInstanceOf(Decision.Wait.class);
    assertThat(empty().withLines(LINES).decide(SERVES_DE)).isInstanceOf(Decision.Wait.class);

    assertThat(empty().withOrder("u-1", ITEMS, BERLIN).withLines(LINES).decide(SERVES_DE))
        .isInstanceOf(Decision.Ship.class);
    assertThat(empty().withLines(LINES).withOrder("u-1", ITEMS, BERLIN).decide(SERVES_DE))
        .isInstanceOf(Decision.Ship.class);
  }

  @Test
  void aCancelledOrDecidedOrderIsNeverShipped() {
    ShippingOrder cancelled = new ShippingOrder("o-1", "u-1", ITEMS, BERLIN, LINES, true, OrderOutcome.CANCELLED);
    ShippingOrder shipped = new ShippingOrder("o-1", "u-1", ITEMS, BERLIN, LINES, false, OrderOutcome.SHIPPED);

    assertThat(cancelled.decide(SERVES_DE)).isInstanceOf(Decision.Wait.class);
    assertThat(shipped.decide(SERVES_DE)).isInstanceOf(Decision.Wait.class);
  }

  @Test
  void aCountryOutsideTheServedOnesIsUnserviceableAndAnIncompleteAddressInvalid() {
    Address tokyo = new Address("Ada", "1-1 Chiyoda", null, "Tokyo", "100-0001", "JP");
    Address nowhere = new Address("Ada", " ", null, "Berlin", "10117", "Germany");

    Decision far = empty().withOrder("u-1", ITEMS, tokyo).withLines(LINES).decide(SERVES_DE);
    Decision broken = empty().withOrder("u-1", ITEMS, nowhere).withLines(LINES).decide(SERVES_DE);
    Decision none = empty().withOrder("u-1", ITEMS, null).withLines(LINES).decide(SERVES_DE);

    assertThat(far).isEqualTo(new Decision.Fail(ShipmentFailure.ADDRESS_UNSERVICEABLE,
        "no carrier of this service delivers to JP"));
    assertThat(broken).isInstanceOfSatisfying(Decision.Fail.class, fail -> {
      assertThat(fail.reason()).isEqualTo(ShipmentFailure.INVALID_ADDRESS);
      assertThat(fail.detail()).contains("line1").contains("country");
    });
    assertThat(none).isInstanceOfSatisfying(Decision.Fail.class,
        fail -> assertThat(fail.reason()).isEqualTo(ShipmentFailure.INVALID_ADDRESS));
  }
}
