package dev.emporium.gateway.listener;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.http.Http1ServerConfig;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StrictRequestDecoderTest {

  private final List<String> events = new ArrayList<>();
  private final EmbeddedChannel channel = new EmbeddedChannel(new StrictRequestDecoder(new Http1ServerConfig(),
      new StrictRequestDecoder.Events() {
        @Override
        public void headStarted() {
          events.add("started");
        }

        @Override
        public void headComplete() {
          events.add("complete");
        }

        @Override
        public void bodyMalformed() {
          events.add("malformed");
        }
      }));

  /** Feeds the text (newlines as CRLF) in pieces of {@code step} bytes; returns what came out, as text. */
  private List<String> feed(String text, int step) {
    return feedRaw(text.replace("\n", "\r\n"), step);
  }

  /** Feeds the text exactly as written. */
  private List<String> feedRaw(String text, int step) {
    byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < bytes.length; i += step) {
      channel.writeInbound(Unpooled.wrappedBuffer(bytes, i, Math.min(step, bytes.length - i)));
      Object message;
      while ((message = channel.readInbound()) != null) {
        out.add(describe(message));
        ReferenceCountUtil.release(message);
      }
    }
    return out;
  }

  private static String describe(Object message) {
    if (message instanceof HttpRequest request) {
      return (request.decoderResult().isSuccess() ? "request " : "invalid ")
          + (request.decoderResult().isSuccess() ? request.uri()
              : request.decoderResult().cause().getClass().getSimpleName());
    }
    if (message instanceof LastHttpContent last) return "end " + last.content().toString(StandardCharsets.ISO_8859_1);
    if (message instanceof HttpContent content) return "data " + content.content().toString(StandardCharsets.ISO_8859_1);
    return message.toString();
  }

  @Test
  void passesAValidRequestFedByteByByte() {
    List<String> out = feed("POST /a HTTP/1.1\nHost: x\nX-Long: a b\tc\nContent-Length: 11\n\n{\n \"a\"\n}", 1);
    assertThat(out.get(0)).isEqualTo("request /a");
    assertThat(String.join("", out.subList(1, out.size())).replace("data ", "").replace("end ", ""))
        .isEqualTo("{\r\n \"a\"\r\n}");
    assertThat(events).containsExactly("started", "complete");
  }

  @Test
  void neverStartsTheClockForAHeadThatArrivesWhole() {
    feed("GET /a HTTP/1.1\nHost: x\n\n", 1024);
    assertThat(events).containsExactly("complete");
  }

  @Test
  void neverTakesWhitespaceAfterANewlineInABodyForFolding() {
    List<String> out = feedRaw("POST /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n\n \n x\r\n"
        + "0\r\n\r\nPOST /b HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\n\n \tGET /next HTTP/1.1\r\nHost: x\r\n\r\n", 7);
    assertThat(out).contains("request /a", "request /b", "request /next");
    assertThat(out).noneMatch(s -> s.startsWith("invalid"));
  }

  @Test
  void refusesObsoleteFoldingSplitAcrossReads() {
    List<String> out = feed("GET /a HTTP/1.1\nHost: x\nX-A: 1\n\t2\n\n", 3);
    assertThat(out).first().isEqualTo("invalid ObsoleteLineFolding");
  }

  @Test
  void refusesWhitespaceBeforeTheFirstHeader() {
    assertThat(feed("GET /a HTTP/1.1\n Host: x\n\n", 64)).first().asString().startsWith("invalid");
  }

  @Test
  void acceptsEmptyLinesBeforeARequest() {
    assertThat(feed("\n\nGET /a HTTP/1.1\nHost: x\n\n", 64)).first().isEqualTo("request /a");
  }

  @Test
  void refusesAFoldInTheSecondOfTwoPipelinedRequests() {
    List<String> out = feed("GET /a HTTP/1.1\nHost: x\n\nGET /b HTTP/1.1\nHost: x\nX-A: 1\n 2\n\nGET /c HTTP/1.1\n\n", 64);
    assertThat(out).containsExactly("request /a", "end ", "invalid ObsoleteLineFolding", "end ");
    // The second head is cut by the 64-byte reads, so its clock starts; the first came whole.
    assertThat(events).containsExactly("complete", "started", "complete");
  }

  @Test
  void refusesAnUnknownVersionAsHttp11() {
    List<String> out = feed("GET /a HTTP/2.0\nHost: x\n\n", 64);
    assertThat(out).first().isEqualTo("invalid UnsupportedVersion");
  }

  @Test
  void reportsAMalformedChunkInsteadOfPassingItOn() {
    List<String> out = feed("POST /a HTTP/1.1\nHost: x\nTransfer-Encoding: chunked\n\n5\nhello\nzz\nmore\n0\n\n", 64);
    assertThat(out.get(0)).isEqualTo("request /a");
    assertThat(String.join("", out.subList(1, out.size())).replace("data ", "")).isEqualTo("hello");
    assertThat(events).containsExactly("complete", "malformed");
    // Nothing after it is decoded.
    assertThat(feed("GET /b HTTP/1.1\nHost: x\n\n", 64)).isEmpty();
  }

  @Test
  void startsTheHeadClockAtTheFirstByteOfEachRequest() {
    feed("GET /a HTTP/1.1\nHost: x\n\n", 64);
    assertThat(events).containsExactly("complete");
    feed("G", 64);
    assertThat(events).containsExactly("complete", "started");
    feed("ET /b HTTP/1.1\nHo", 64);
    assertThat(events).containsExactly("complete", "started");
    feed("st: x\n\n", 64);
    assertThat(events).containsExactly("complete", "started", "complete");
  }
}
