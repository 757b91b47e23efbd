package dev.emporium.inventory.stock;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AllocationTest {

  static final UUID KETTLE = UUID.fromString("00000000-0000-0000-0000-000000000001");
  static final UUID MUG = UUID.fromString("00000000-0000-0000-0000-000000000002");

  @Test
  void reservesEveryLineFromTheWarehouseWithTheMostAvailable() {
    Allocation allocation = Allocation.of(List.of(new OrderLine(KETTLE, 2), new OrderLine(MUG, 1)), List.of(
        new Stock(KETTLE, "berlin", 5, 4, 1), new Stock(KETTLE, "paris", 3, 0, 1), new Stock(MUG, "berlin", 1, 0, 1)));

    assertThat(allocation).isEqualTo(new Allocation.Reserved(List.of(
        new ReservedLine(KETTLE, "paris", 2), new ReservedLine(MUG, "berlin", 1))));
  }

  @Test
  void splitsALineAcrossWarehousesWhenNoneHoldsItAll() {
    Allocation allocation = Allocation.of(List.of(new OrderLine(KETTLE, 5)), List.of(
        new Stock(KETTLE, "berlin", 3, 0, 1), new Stock(KETTLE, "paris", 3, 0, 1), new Stock(KETTLE, "rome", 0, 0, 1)));

    assertThat(allocation).isEqualTo(new Allocation.Reserved(List.of(
        new ReservedLine(KETTLE, "berlin", 3), new ReservedLine(KETTLE, "paris", 2))));
  }

  @Test
  void reservesNothingWhenOneLineFallsShortAndReportsEveryShortProduct() {
    UUID unknown = UUID.randomUUID();
    Allocation allocation = Allocation.of(
        List.of(new OrderLine(KETTLE, 3), new OrderLine(MUG, 1), new OrderLine(unknown, 1)),
        List.of(new Stock(KETTLE, "berlin", 5, 3, 1), new Stock(MUG, "berlin", 10, 0, 1)));

    assertThat(allocation).isEqualTo(new Allocation.Insufficient(List.of(
        new Shortage(KETTLE, 3, 2), new Shortage(unknown, 1, 0))));
  }

  @Test
  void exactlyTheAvailableQuantityIsEnough() {
    Allocation allocation = Allocation.of(List.of(new OrderLine(KETTLE, 2)), List.of(new Stock(KETTLE, "main", 2, 0, 1)));

    assertThat(allocation).isInstanceOf(Allocation.Reserved.class);
  }
}
