package dev.emporium.inventory.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReserveStockTest {

  static final UUID KETTLE = UUID.randomUUID();
  static final UUID MUG = UUID.randomUUID();

  @Test
  void mergesLinesOfTheSameProductSoTheWholeDemandIsChecked() {
    ReserveStock command = new ReserveStock("o-1",
        List.of(new OrderLine(KETTLE, 2), new OrderLine(MUG, 1), new OrderLine(KETTLE, 3)));

    assertThat(command.lines()).containsExactly(new OrderLine(KETTLE, 5), new OrderLine(MUG, 1));
  }

  @Test
  void refusesAnOrderWithoutLinesOrAQuantityBelowOne() {
    assertThatThrownBy(() -> new ReserveStock("o-1", List.of())).isInstanceOf(InvalidReservationException.class);
    assertThatThrownBy(() -> new OrderLine(KETTLE, 0)).isInstanceOf(InvalidReservationException.class);
    assertThatThrownBy(() -> new ReserveStock(" ", List.of(new OrderLine(KETTLE, 1))))
        .isInstanceOf(InvalidReservationException.class);
  }

  @Test
  void enforcesTheConfiguredLimitsOnLinesAndQuantities() {
    ReserveStock command = new ReserveStock("o-1", List.of(new OrderLine(KETTLE, 5), new OrderLine(MUG, 1)));

    assertThat(command.requireWithin(2, 5)).isSameAs(command);
    assertThatThrownBy(() -> command.requireWithin(1, 5)).hasMessageContaining("at most 1");
    assertThatThrownBy(() -> command.requireWithin(2, 4)).hasMessageContaining("at most 4");
  }
}
