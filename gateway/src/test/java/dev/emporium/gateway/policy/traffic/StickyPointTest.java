package dev.emporium.gateway.policy.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Where a sticky key falls on the weight line, and what moves when the weights do. */
class StickyPointTest {

  @Test
  void aKeyAlwaysFallsOnTheSamePoint() {
    for (int i = 0; i < 1000; i++) {
      assertThat(SplitTable.point("user-" + i, 100)).isEqualTo(SplitTable.point("user-" + i, 100));
    }
  }

  @Test
  void keysSpreadEvenlyOverTheLine() {
    int[] tenths = new int[10];
    for (int i = 0; i < 10_000; i++) tenths[SplitTable.point("user-" + i, 10)]++;
    for (int count : tenths) assertThat(count).isBetween(850, 1150);
  }

  @Test
  void raisingTheCanaryOnlyMovesUsersOntoIt() {
    // 90/10 → 80/20 with the canary listed last: its share grows from [90,100) to [80,100).
    for (int i = 0; i < 10_000; i++) {
      String key = "user-" + i;
      boolean canaryBefore = SplitTable.point(key, 100) >= 90;
      boolean canaryAfter = SplitTable.point(key, 100) >= 80;
      if (canaryBefore) assertThat(canaryAfter).as(key).isTrue();
    }
    // Scaling keeps positions when the total changes too (9/1 → 90/10 → same users on the canary).
    for (int i = 0; i < 10_000; i++) {
      String key = "user-" + i;
      assertThat(SplitTable.point(key, 10) >= 9).as(key).isEqualTo(SplitTable.point(key, 100) >= 90);
    }
  }
}
