package dev.emporium.gateway.policy.compress;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.Test;

class CompressUnitsTest {

  private static final List<String> OFFERED = List.of("gzip", "deflate");

  @Test
  void choosesTheAcceptedEncodingWithTheHighestWeight() {
    assertThat(AcceptEncoding.choose(List.of("gzip, deflate, br"), OFFERED)).isEqualTo("gzip");
    assertThat(AcceptEncoding.choose(List.of("gzip;q=0.5, deflate"), OFFERED)).isEqualTo("deflate");
    assertThat(AcceptEncoding.choose(List.of("br, *;q=0.1"), OFFERED)).isEqualTo("gzip");
    assertThat(AcceptEncoding.choose(List.of("gzip;q=0, deflate;q=0"), OFFERED)).isNull();
    assertThat(AcceptEncoding.choose(List.of("identity"), OFFERED)).isNull();
    assertThat(AcceptEncoding.choose(List.of("*;q=0"), OFFERED)).isNull();
    assertThat(AcceptEncoding.choose(List.of(), OFFERED)).isNull();
  }

  @Test
  void gzipPiecesMakeOneValidStream() throws IOException {
    Encoder encoder = new Encoder("gzip", 6);
    Buffer out = Buffer.buffer();
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < 50; i++) {
      String piece = "{\"line\":" + i + ",\"text\":\"" + "abc".repeat(i) + "\"}\n";
      expected.append(piece);
      out.appendBuffer(encoder.encode(Buffer.buffer(piece)));
    }
    out.appendBuffer(encoder.finish());
    assertThat(read(new GZIPInputStream(new ByteArrayInputStream(out.getBytes())))).isEqualTo(expected.toString());
  }

  @Test
  void deflateIsTheZlibFormat() throws IOException {
    String text = "hello ".repeat(1000);
    Buffer out = Encoder.encodeAll("deflate", 9, Buffer.buffer(text));
    assertThat(out.length()).isLessThan(text.length() / 10);
    assertThat(read(new InflaterInputStream(new ByteArrayInputStream(out.getBytes())))).isEqualTo(text);
  }

  @Test
  void matchesMediaTypesIgnoringParameters() {
    CompressConfig config = new CompressConfig(null, List.of("text/*", "application/json"), null, null);
    assertThat(config.compresses("application/json; charset=utf-8")).isTrue();
    assertThat(config.compresses("TEXT/HTML")).isTrue();
    assertThat(config.compresses("image/png")).isFalse();
    assertThat(config.compresses(null)).isFalse();
  }

  private static String read(InputStream in) throws IOException {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
