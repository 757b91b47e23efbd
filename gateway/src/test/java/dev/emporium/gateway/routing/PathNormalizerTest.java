package dev.emporium.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PathNormalizerTest {

  private final PathNormalizer reject = new PathNormalizer(false);
  private final PathNormalizer keep = new PathNormalizer(true);

  private static String normalized(PathNormalizer normalizer, String raw) {
    PathNormalizer.Result result = normalizer.normalize(raw);
    assertThat(result).as(raw).isInstanceOf(PathNormalizer.Normalized.class);
    return ((PathNormalizer.Normalized) result).path();
  }

  private static String rejected(PathNormalizer normalizer, String raw) {
    PathNormalizer.Result result = normalizer.normalize(raw);
    assertThat(result).as(raw).isInstanceOf(PathNormalizer.Rejected.class);
    return ((PathNormalizer.Rejected) result).reason();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      // already canonical
      "/                          | /",
      "/api/orders                | /api/orders",
      "/api/orders/               | /api/orders/",
      "/a-b_c.d~e/f!$&'()*+,=:@   | /a-b_c.d~e/f!$&'()*+,=:@",
      "/v1.2/file.tar.gz          | /v1.2/file.tar.gz",
      "/a/.hidden/..x/x..         | /a/.hidden/..x/x..",
      // duplicate slashes
      "//                         | /",
      "//api///orders             | /api/orders",
      "/api/orders//              | /api/orders/",
      // dot segments
      "/./api/./orders            | /api/orders",
      "/api/x/../orders           | /api/orders",
      "/api/orders/.              | /api/orders/",
      "/api/orders/x/..           | /api/orders/",
      "/api/a/b/../../orders      | /api/orders",
      // .. above the root stays at the root
      "/..                        | /",
      "/../../etc/passwd          | /etc/passwd",
      "/api/../../../admin        | /admin",
      // encoded dot segments, either case
      "/api/%2e%2e/admin          | /admin",
      "/api/%2E%2E/admin          | /admin",
      "/api/.%2e/admin            | /admin",
      "/api/%2e/orders            | /api/orders",
      "/%2e%2e/%2e%2e/admin       | /admin",
      // encoded unreserved characters are decoded, either case of hex
      "/%61pi/%6Frders            | /api/orders",
      "/%41%5a%30%2D%5f%7E        | /AZ0-_~",
      // other encodings are kept, with upper-case hex
      "/a%20b                     | /a%20b",
      "/search/caf%c3%a9          | /search/caf%C3%A9",
      "/a%3bb                     | /a%3Bb",
      "/a%3fb                     | /a%3Fb",
      "/100%25                    | /100%25",
      "/a%0ab                     | /a%0Ab",
      // printable characters a path may not carry raw are encoded
      "/a#b                       | /a%23b",
      "/a\"b<c>d                  | /a%22b%3Cc%3Ed",
      "/a{b}c^d`e[f]              | /a%7Bb%7Dc%5Ed%60e%5Bf%5D",
  })
  void normalizes(String raw, String expected) {
    assertThat(normalized(reject, raw.trim())).isEqualTo(expected.trim());
  }

  @Test
  void encodesARawPipe() {
    assertThat(normalized(reject, "/a|b")).isEqualTo("/a%7Cb");
  }

  @Test
  void upperCasesOnlyTheHexDigitsOfAnEncodingItKeeps() {
    // "%3bab": 'a' and 'b' after the escape are data and keep their case.
    assertThat(normalized(reject, "/x%3bab")).isEqualTo("/x%3Bab");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "/api/%2f/admin", "/api/%2F/admin", "/a%2fb", "/a%5cb", "/a%5Cb",
  })
  void refusesEncodedSlashesByDefault(String raw) {
    assertThat(rejected(reject, raw)).contains("encoded");
  }

  @Test
  void keepsEncodedSlashesEncodedWhenToldTo() {
    assertThat(normalized(keep, "/files/a%2fb")).isEqualTo("/files/a%2Fb");
    assertThat(normalized(keep, "/files/a%5cb")).isEqualTo("/files/a%5Cb");
    // An encoded slash is data, never a separator: it does not make a dot segment resolve.
    assertThat(normalized(keep, "/files/..%2f..%2fetc")).isEqualTo("/files/..%2F..%2Fetc");
    assertThat(normalized(keep, "/a//b/../c%2F")).isEqualTo("/a/c%2F");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/a%00b", "/a%00", "/%00/x"})
  void refusesAnEncodedNul(String raw) {
    assertThat(rejected(reject, raw)).contains("NUL");
    assertThat(rejected(keep, raw)).contains("NUL");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/a\\b", "/api\\..\\admin", "\\"})
  void refusesARawBackslash(String raw) {
    PathNormalizer.Result result = reject.normalize(raw);
    assertThat(result).isInstanceOf(PathNormalizer.Rejected.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/a\u0000b", "/a\tb", "/a b", "/a\rb", "/a\nb", "/a\u007fb", "/caf\u00e9", "/\u202e", "/a\u0001"})
  void refusesControlCharactersSpacesAndRawNonAscii(String raw) {
    assertThat(rejected(reject, raw)).contains("percent-encoded");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/a%", "/a%2", "/a%zz", "/a%g0", "/a%0g", "/a%%32f", "/%"})
  void refusesMalformedEscapes(String raw) {
    assertThat(rejected(reject, raw)).contains("malformed");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/..;/admin", "/api/..;x=1/admin", "/api/.;/admin", "/api/%2e%2e;/admin", "/..;"})
  void refusesDotSegmentsWithParameters(String raw) {
    assertThat(rejected(reject, raw)).contains("parameters");
  }

  @Test
  void acceptsParametersOnOrdinarySegments() {
    assertThat(normalized(reject, "/a;jsessionid=1/b")).isEqualTo("/a;jsessionid=1/b");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a/b", "*", "http://evil.example/x", "%2Fa"})
  void refusesATargetThatIsNotAnAbsolutePath(String raw) {
    assertThat(rejected(reject, raw)).contains("absolute path");
  }

  @Test
  void refusesNull() {
    assertThat(reject.normalize(null)).isInstanceOf(PathNormalizer.Rejected.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "/", "//a//b//", "/a/./b/../c", "/%2e%2e/x", "/%61%62%63", "/a%20b%3b", "/caf%c3%a9", "/a#b{c}",
      "/x/%2e/%2E%2e/y/", "/a;p=1/b", "/..", "/a/b/c/../../../../d", "/%7e%7E", "/a%25%32%66",
  })
  void normalizingTwiceChangesNothing(String raw) {
    String once = normalized(reject, raw);
    assertThat(normalized(reject, once)).isEqualTo(once);
    String keptOnce = normalized(keep, raw);
    assertThat(normalized(keep, keptOnce)).isEqualTo(keptOnce);
  }

  @Test
  void normalizingTwiceChangesNothingWithEncodedSlashesKept() {
    String once = normalized(keep, "/a%2f..%2F%2e%2e/b//c");
    assertThat(normalized(keep, once)).isEqualTo(once);
  }

  @Test
  void doesNotDecodeAnEscapeTwice() {
    // %25 is '%': "%2532" must stay "%2532", never become "%32" and then "2".
    assertThat(normalized(reject, "/a%2532f")).isEqualTo("/a%2532f");
    assertThat(normalized(reject, "/%252e%252e/admin")).isEqualTo("/%252e%252e/admin");
  }

  @Test
  void handlesDeepPaths() {
    String deep = "/a".repeat(100) + "/..".repeat(50);
    assertThat(normalized(reject, deep)).isEqualTo("/a".repeat(50) + "/");
  }
}
