package dev.emporium.gateway.upstream.balance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class XxHash64Test {

  /** Expected values from the reference libxxhash 0.8.1, XXH64 over the strings' UTF-16LE bytes. */
  @Test
  void matchesTheReferenceImplementationOnUtf16Bytes() {
    assertThat(XxHash64.hash("", 0)).isEqualTo(0xef46db3751d8e999L);
    assertThat(XxHash64.hash("a", 0)).isEqualTo(0xe513e02c99167f96L);
    assertThat(XxHash64.hash("abc", 0)).isEqualTo(0xaff0f2a2f8b32731L);
    assertThat(XxHash64.hash("user-42", 0)).isEqualTo(0xa9a7c12f729ae8ceL);
    assertThat(XxHash64.hash("127.0.0.1:8080#17", 0)).isEqualTo(0x055ca0d67bb39a60L);
    assertThat(XxHash64.hash("The quick brown fox jumps over the lazy dog", 0)).isEqualTo(0xb50690f4310e490eL);
    assertThat(XxHash64.hash("zürich-€-日本", 0)).isEqualTo(0xff2c2e523620fcadL);
  }

  @Test
  void appliesTheSeed() {
    long seed = 0x9E3779B97F4A7C15L;
    assertThat(XxHash64.hash("", seed)).isEqualTo(0xc4349fc93c010000L);
    assertThat(XxHash64.hash("abc", seed)).isEqualTo(0x9439cdbcd0f6561cL);
    assertThat(XxHash64.hash("The quick brown fox jumps over the lazy dog", seed)).isEqualTo(0xe2b6e30d0a3d7d78L);
  }

  @Test
  void mapsHashesIntoTheUnitInterval() {
    assertThat(XxHash64.unit(0)).isZero();
    assertThat(XxHash64.unit(-1L)).isLessThan(1.0).isGreaterThan(0.999);
  }
}
