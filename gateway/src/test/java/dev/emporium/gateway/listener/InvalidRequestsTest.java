package dev.emporium.gateway.listener;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.gateway.config.LimitsConfig;
import dev.emporium.gateway.problem.Problem;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import org.junit.jupiter.api.Test;

class InvalidRequestsTest {

  private static Problem problem(Throwable cause) {
    return InvalidRequests.problemFor(cause, LimitsConfig.DEFAULTS);
  }

  @Test
  void mapsLimitsToTheirStatus() {
    assertThat(problem(new TooLongHttpLineException("x")).status()).isEqualTo(414);
    assertThat(problem(new TooLongHttpHeaderException("x")).status()).isEqualTo(431);
    assertThat(problem(new StrictRequestDecoder.UnsupportedVersion()).status()).isEqualTo(505);
    assertThat(problem(new StrictRequestDecoder.ObsoleteLineFolding()).status()).isEqualTo(400);
    assertThat(problem(null).status()).isEqualTo(400);
  }

  @Test
  void neverQuotesTheDecodersMessage() {
    Problem p = problem(new IllegalArgumentException("Multiple Content-Length values found: [5, <script>]"));
    assertThat(p.detail()).isEqualTo("The request has more than one Content-Length").doesNotContain("<script>");
    Problem name = problem(new IllegalArgumentException("a header name cannot contain some prohibited characters, "
        + "such as : X-Evil\u0000"));
    assertThat(name.detail()).isEqualTo("A header field name is malformed");
    Problem other = problem(new IllegalArgumentException("something new: \r\nSet-Cookie: a=b"));
    assertThat(other.detail()).isEqualTo("The request is not valid HTTP/1.1");
  }

  @Test
  void tellsTheFramingAmbiguitiesApart() {
    assertThat(problem(new IllegalArgumentException(
        "Content-Length are not allowed in HTTP/1.1 messages that contains a Transfer-Encoding header.")).detail())
        .isEqualTo("The request has both Content-Length and Transfer-Encoding");
    assertThat(problem(new IllegalArgumentException("chunked must be the last encoding present")).detail())
        .isEqualTo("The only Transfer-Encoding accepted is a single 'chunked'");
    assertThat(problem(new NumberFormatException("Content-Length value is not a number: -1")).detail())
        .isEqualTo("The request's Content-Length is not a non-negative number");
  }
}
