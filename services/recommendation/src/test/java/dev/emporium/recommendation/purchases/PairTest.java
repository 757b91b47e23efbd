package dev.emporium.recommendation.purchases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PairTest {

  @Test
  void everyOrderedPairOfDistinctProductsIsCountedInBothDirections() {
    UUID a = UUID.randomUUID();
    UUID b = UUID.randomUUID();
    UUID c = UUID.randomUUID();

    List<Pair> pairs = Pair.of(List.of(a, b, c), 20);

    assertThat(pairs).containsExactlyInAnyOrder(new Pair(a, b), new Pair(b, a), new Pair(a, c), new Pair(c, a),
        new Pair(b, c), new Pair(c, b));
    assertThat(pairs).isSortedAccordingTo(Pair.ORDER);
  }

  @Test
  void aHugeOrderIsBoundedToItsFirstProducts() {
    List<UUID> products = IntStream.range(0, 50).mapToObj(i -> UUID.randomUUID()).toList();

    List<Pair> pairs = Pair.of(products, 5);

    assertThat(pairs).hasSize(5 * 4);
    assertThat(pairs).allMatch(p -> products.subList(0, 5).contains(p.product()) && products.subList(0, 5)
        .contains(p.other()));
  }

  @Test
  void aSingleProductHasNoPairs() {
    assertThat(Pair.of(List.of(UUID.randomUUID()), 20)).isEmpty();
  }
}
