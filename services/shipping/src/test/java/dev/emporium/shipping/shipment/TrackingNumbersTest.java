package dev.emporium.shipping.shipment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrackingNumbersTest {

  @Test
  void aNumberIsThePrefixNineDigitsAndAValidCheckDigit() {
    String number = TrackingNumbers.format("EMP", 1);

    assertThat(number).matches("EMP[0-9]{10}");
    assertThat(TrackingNumbers.isValid("EMP", number)).isTrue();
  }

  @Test
  void theCheckDigitIsLuhns() {
    // 7992739871 is the textbook Luhn example: its check digit is 3.
    assertThat(TrackingNumbers.checkDigit("7992739871")).isEqualTo(3);
    assertThat(TrackingNumbers.checkDigit("000000000")).isZero();
    assertThat(TrackingNumbers.isValid("EMP", "EMP4718220090")).as("the example in docs/services.md").isTrue();
  }

  @Test
  void everySingleWrongDigitIsCaught() {
    String number = TrackingNumbers.format("EMP", 4242);
    for (int position = 3; position < number.length(); position++) {
      for (char digit = '0'; digit <= '9'; digit++) {
        if (digit != number.charAt(position)) {
          String typo = number.substring(0, position) + digit + number.substring(position + 1);
          assertThat(TrackingNumbers.isValid("EMP", typo)).as(typo).isFalse();
        }
      }
    }
  }

  @Test
  void distinctSerialsGiveDistinctNumbersThatDoNotCountUp() {
    Set<String> seen = new HashSet<>();
    for (long serial = 1; serial <= 20_000; serial++) {
      assertThat(seen.add(TrackingNumbers.format("EMP", serial))).as("serial " + serial).isTrue();
    }
    long first = Long.parseLong(TrackingNumbers.format("EMP", 1).substring(3, 12));
    long second = Long.parseLong(TrackingNumbers.format("EMP", 2).substring(3, 12));
    assertThat(Math.abs(second - first)).isGreaterThan(1000);
  }

  @Test
  void refusesSerialsOutsideNineDigitsAndNumbersOfOtherShapes() {
    assertThatThrownBy(() -> TrackingNumbers.format("EMP", 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TrackingNumbers.format("EMP", 1_000_000_000L))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(TrackingNumbers.format("EMP", TrackingNumbers.MAX_SERIAL)).hasSize(13);
    assertThat(TrackingNumbers.isValid("EMP", "XYZ1234567890")).isFalse();
    assertThat(TrackingNumbers.isValid("EMP", "EMP12345")).isFalse();
    assertThat(TrackingNumbers.isValid("EMP", "EMP12345678a0")).isFalse();
  }
}
