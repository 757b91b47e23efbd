package dev.emporium.recommendation.purchases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CompletedOrderTest {

  private final UUID kettle = UUID.randomUUID();
  private final UUID mug = UUID.randomUUID();

  @Test
  void linesOfOneProductAreMergedInTheOrderTheyFirstAppear() {
    CompletedOrder order = new CompletedOrder("o-1", "u-1",
        List.of(new OrderLine(mug, 1), new OrderLine(kettle, 2), new OrderLine(mug, 3)), Instant.now());

    assertThat(order.lines()).containsExactly(new OrderLine(mug, 4), new OrderLine(kettle, 2));
    assertThat(order.products()).containsExactly(mug, kettle);
  }

  @Test
  void anOrderWithoutItemsOrBuyerCannotBeCounted() {
    assertThatThrownBy(() -> new CompletedOrder("o-1", "u-1", List.of(), Instant.now()))
        .isInstanceOf(InvalidOrderException.class).hasMessageContaining("no items");
    assertThatThrownBy(() -> new CompletedOrder("o-1", " ", List.of(new OrderLine(mug, 1)), Instant.now()))
        .isInstanceOf(InvalidOrderException.class).hasMessageContaining("userId");
    assertThatThrownBy(() -> new OrderLine(mug, 0))
        .isInstanceOf(InvalidOrderException.class).hasMessageContaining("at least 1");
  }
}
