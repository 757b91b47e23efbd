package dev.emporium.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.gateway.testing.AccessLogs;
import dev.emporium.gateway.testing.GatewayHarness;
import dev.emporium.gateway.testing.RawExchange;
import dev.emporium.gateway.testing.RawHttp;
import dev.emporium.gateway.testing.RecordedRequest;
import dev.emporium.gateway.testing.TestUpstream;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Requests with ambiguous or malformed framing, sent byte for byte: each gets a problem from the
 * gateway and its connection closes, and none of them reaches the upstream as a complete request.
 */
class EdgeFramingIT {

  static TestUpstream upstream;
  static GatewayHarness gateway;
  static final AtomicInteger completeBodies = new AtomicInteger();

  @BeforeAll
  static void start() {
    upstream = TestUpstream.start(request -> request.body()
        .onSuccess(body -> {
          completeBodies.incrementAndGet();
          request.response().end(new JsonObject().put("uri", request.uri()).put("body", body.toString()).toBuffer());
        }));
    gateway = GatewayHarness.start("""
        listeners:
          - name: public
            host: 127.0.0.1
            port: 0
          - name: http1-only
            host: 127.0.0.1
            port: 0
            http2: false
        limits:
          maxRequestLineLength: 1024
          maxHeaderSize: 4096
          maxHeaderCount: 20
          maxBodySize: 1000
        routes:
          - name: all
            match:
              path: /**
            cluster: backend
        clusters:
          - name: backend
            endpoints:
              - address: %s
        """.formatted(upstream.address()));
  }

  @AfterAll
  static void stop() {
    gateway.close();
    upstream.close();
  }

  @BeforeEach
  void forgetEarlierRequests() {
    upstream.drain();
    completeBodies.set(0);
  }

  private static RawExchange send(String request) {
    return RawExchange.send(gateway.port(), request, 3_000);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {
      // Content-Length together with Transfer-Encoding
      "POST /a HTTP/1.1\nHost: x\nContent-Length: 5\nTransfer-Encoding: chunked\n\n0\n\n",
      "POST /a HTTP/1.1\nHost: x\nTransfer-Encoding: chunked\nContent-Length: 5\n\n0\n\n",
      // duplicate Content-Length, same and different values, also as a list
      "POST /a HTTP/1.1\nHost: x\nContent-Length: 5\nContent-Length: 5\n\nhello",
      "POST /a HTTP/1.1\nHost: x\nContent-Length: 5\nContent-Length: 6\n\nhello!",
      "POST /a HTTP/1.1\nHost: x\nContent-Length: 5, 5\n\nhello",
      // Content-Length that is not a plain number
      "POST /a HTTP/1.1\nHost: x\nContent-Length: -1\n\n",
      "POST /a HTTP/1.1\nHost: x\nContent-Length: +5\n\nhello",
      "POST /a HTTP/1.1\nHost: x\nContent-Length: 0x5\n\nhello",
      // Transfer-Encoding other than one single chunked
      "POST /a HTTP/1.1\nHost: x\nTransfer-Encoding: chunked, identity\n\n0\n\n",
      "POST /a HTTP/1.1\nHost: x\nTransfer-Encoding: identity, chunked\n\n0\n\n",
      "POST /a HTTP/1.1\nHost: x\nTransfer-Encoding: gzip\n\n0\n\n",
      "POST /a HTTP/1.1\nHost: x\nTransfer-Encoding: gzip, chunked\n\n0\n\n",
      "POST /a HTTP/1.1\nHost: x\nTransfer-Encoding: chunked\nTransfer-Encoding: chunked\n\n0\n\n",
      "POST /a HTTP/1.1\nHost: x\nTransfer-Encoding: xchunked\n\n0\n\n",
      "POST /a HTTP/1.1\nHost: x\nTransfer-Encoding: chunked-false\n\n0\n\n",
      // whitespace tricks: before the colon, obs-fold, whitespace before the first header
      "POST /a HTTP/1.1\nHost: x\nTransfer-Encoding : chunked\n\n0\n\n",
      "POST /a HTTP/1.1\nHost: x\nTransfer-Encoding:\n chunked\n\n0\n\n",
      "POST /a HTTP/1.1\nHost: x\nX-Padding: a\n Transfer-Encoding: chunked\n\n0\n\n",
      "GET /a HTTP/1.1\nHost: x\nX-A: 1\n\t2\n\n",
      "GET /a HTTP/1.1\n Host: x\n\n",
      // header lines that are not name: value
      "GET /a HTTP/1.1\nHost: x\nNoColonHere\n\n",
      "GET /a HTTP/1.1\nHost: x\n: empty-name\n\n",
      "GET /a HTTP/1.1\nHost: x\nX-Bad\u0000Name: 1\n\n",
      "GET /a HTTP/1.1\nHost: x\nX-Bad-Value: a\u0000b\n\n",
      "GET /a HTTP/1.1\nHost: x\nX-Bad-Value: a\rb\n\n",
      // Host missing, repeated or not a host on HTTP/1.1
      "GET /a HTTP/1.1\n\n",
      "GET /a HTTP/1.1\nHost: x\nHost: y\n\n",
      "GET /a HTTP/1.1\nHost: a\"b\n\n",
      // not an HTTP/1.x request line
      "GARBAGE\n\n",
      "GET /a HTTP/1.1 extra\nHost: x\n\n",
      // HTTP/1.0 cannot be chunked
      "POST /a HTTP/1.0\nTransfer-Encoding: chunked\n\n0\n\n",
  })
  void refusesMalformedFramingWith400AndCloses(String request) {
    RawExchange response = send(request);
    response.assertProblemAndClosed(400);
    assertThat(completeBodies).hasValue(0);
    assertThat(upstream.drain()).isEmpty();
  }

  @Test
  void neverQuotesTheOffendingBytesInTheAnswer() {
    RawExchange response = send("POST /a HTTP/1.1\nHost: x\nContent-Length: 5\nContent-Length: 777777\n\nhello");
    response.assertProblemAndClosed(400);
    assertThat(response.text()).doesNotContain("777777");
    RawExchange folded = send("GET /a HTTP/1.1\nHost: x\nX-Evil : <script>\n\n");
    folded.assertProblemAndClosed(400);
    assertThat(folded.text()).doesNotContain("<script>").doesNotContain("X-Evil");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {
      "zz\nhello\n0\n\n",
      "-5\nhello\n0\n\n",
      "0x5\nhello\n0\n\n",
      "5 \nhello\n0\n\n",
      "fffffffffffffffffffff\nhello\n0\n\n",
      "5\nhelloXX0\n\n",
  })
  void refusesAMalformedChunkedBodyWith400AndCloses(String body) {
    RawExchange response = send("POST /a HTTP/1.1\nHost: x\nTransfer-Encoding: chunked\n\n" + body);
    response.assertProblemAndClosed(400);
    assertThat(completeBodies).hasValue(0);
  }

  @Test
  void appliesTheSameChecksOnAListenerWithoutHttp2() {
    int port = gateway.gateway().port("http1-only");
    RawExchange.send(port, "POST /a HTTP/1.1\nHost: x\nTransfer-Encoding:\n chunked\n\n0\n\n", 3_000)
        .assertProblemAndClosed(400);
    RawExchange.send(port, "POST /a HTTP/1.1\nHost: x\nTransfer-Encoding: chunked\n\nzz\nhello\n0\n\n", 3_000)
        .assertProblemAndClosed(400);
    RawExchange.send(port, "GET /a HTTP/2.0\nHost: x\n\n", 3_000).assertProblemAndClosed(505);
    assertThat(RawExchange.send(port, "GET /a HTTP/1.1\nHost: x\nConnection: close\n\n", 3_000).status()).isEqualTo(200);
    assertThat(completeBodies).hasValue(1);
  }

  @Test
  void countsAndLogsARequestTheDecoderRefused() {
    RawExchange response = send("POST /logged HTTP/1.1\nHost: x\nContent-Length: 1\nContent-Length: 2\n\nab");
    response.assertProblemAndClosed(400);
    JsonObject line = AccessLogs.line(gateway, response.header("X-Request-Id"));
    assertThat(line.getInteger("status")).isEqualTo(400);
    assertThat(line.getString("error")).isEqualTo("bad-request");
    assertThat(line.getString("client")).isEqualTo("127.0.0.1");
  }

  @Test
  void answersAnUnknownVersionWith505() {
    send("GET /a HTTP/2.0\nHost: x\n\n").assertProblemAndClosed(505);
    send("GET /a HTTP/1.2\nHost: x\n\n").assertProblemAndClosed(505);
  }

  @Test
  void answersAnOverlongRequestLineWith414() {
    send("GET /" + "a".repeat(1100) + " HTTP/1.1\nHost: x\n\n").assertProblemAndClosed(414);
    assertThat(upstream.drain()).isEmpty();
  }

  @Test
  void answersAnOverlargeHeaderBlockWith431() {
    send("GET /a HTTP/1.1\nHost: x\nX-Big: " + "b".repeat(5000) + "\n\n").assertProblemAndClosed(431);
    send("GET /a HTTP/1.1\nHost: x\n" + "X-Many: 123456789\n".repeat(300) + "\n").assertProblemAndClosed(431);
  }

  @Test
  void answersTooManyHeaderFieldsWith431EvenWhenTheyShareAName() {
    send("GET /a HTTP/1.1\nHost: x\n" + "X-Same: 1\n".repeat(25) + "\n").assertProblemAndClosed(431);
    StringBuilder distinct = new StringBuilder("GET /a HTTP/1.1\nHost: x\n");
    for (int i = 0; i < 25; i++) distinct.append("X-H").append(i).append(": 1\n");
    send(distinct.append('\n').toString()).assertProblemAndClosed(431);
    assertThat(upstream.drain()).isEmpty();
  }

  @Test
  void acceptsAHeadAtTheHeaderCountLimit() {
    StringBuilder head = new StringBuilder("GET /a HTTP/1.1\nHost: x\nConnection: close\n");
    for (int i = 0; i < 18; i++) head.append("X-H").append(i).append(": 1\n");
    assertThat(send(head.append('\n').toString()).status()).isEqualTo(200);
  }

  @Test
  void refusesABodyDeclaredOverTheLimitWith413BeforeReadingIt() {
    RawExchange response = send("POST /a HTTP/1.1\nHost: x\nContent-Length: 5000\n\n");
    response.assertProblemAndClosed(413);
    assertThat(upstream.drain()).isEmpty();
  }

  @Test
  void refusesAChunkedBodyThatGrowsOverTheLimitWith413AsItStreams() throws Exception {
    try (RawHttp raw = new RawHttp(gateway.port())) {
      raw.send(RawHttp.crlf("POST /upload HTTP/1.1\nHost: x\nTransfer-Encoding: chunked\n\n"));
      String chunk = Integer.toHexString(400) + "\r\n" + "x".repeat(400) + "\r\n";
      raw.send(chunk);
      raw.send(chunk);
      TestUpstream.await(Duration.ofSeconds(5), () -> upstream.requestCount() > 0, "the upload to start upstream");
      raw.send(chunk);
      RawExchange response = RawExchange.read(raw, 3_000);
      response.assertProblemAndClosed(413);
    }
    Thread.sleep(200);
    assertThat(completeBodies).as("the upstream never got a complete body").hasValue(0);
  }

  @Test
  void neverPassesOnATruncatedChunkedBodyWhenTheClientGoesAway() throws Exception {
    try (RawHttp raw = new RawHttp(gateway.port())) {
      raw.send(RawHttp.crlf("POST /gone HTTP/1.1\nHost: x\nTransfer-Encoding: chunked\n\n"));
      raw.send("5\r\nhello\r\n");
      TestUpstream.await(Duration.ofSeconds(5), () -> upstream.requestCount() > 0, "the upload to start upstream");
    }
    Thread.sleep(300);
    assertThat(completeBodies).as("the upstream never got a complete body").hasValue(0);
  }

  @Test
  void keepsAConnectionAliveAcrossSeveralRequests() {
    try (RawHttp raw = new RawHttp(gateway.port())) {
      for (int i = 0; i < 3; i++) {
        raw.send(RawHttp.crlf("POST /k" + i + " HTTP/1.1\nHost: x\nContent-Length: 2\n\nhi"));
        String response = readOneResponse(raw);
        assertThat(response).startsWith("HTTP/1.1 200").contains("\"uri\":\"/k" + i + "\"");
      }
      raw.send(RawHttp.crlf("GET /last HTTP/1.1\nHost: x\nConnection: close\n\n"));
      RawExchange last = RawExchange.read(raw, 3_000);
      assertThat(last.status()).isEqualTo(200);
      assertThat(last.closed()).isTrue();
    }
    assertThat(upstream.drain()).extracting(RecordedRequest::uri).containsExactly("/k0", "/k1", "/k2", "/last");
  }

  @Test
  void checksARequestWhoseFirstByteArrivesAlone() throws Exception {
    // "P" cannot yet tell POST from the HTTP/2 preface: the connection must wait, then decode strictly.
    try (RawHttp raw = new RawHttp(gateway.port())) {
      raw.socket().setTcpNoDelay(true);
      raw.send("P");
      Thread.sleep(100);
      raw.send("OST /a HTTP/1.1\r\nHost: x\r\nX-A: 1\r\n 2\r\n\r\n");
      RawExchange.read(raw, 3_000).assertProblemAndClosed(400);
    }
    try (RawHttp raw = new RawHttp(gateway.port())) {
      raw.socket().setTcpNoDelay(true);
      raw.send("P");
      Thread.sleep(100);
      raw.send("UT /b HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nConnection: close\r\n\r\nhi");
      RawExchange response = RawExchange.read(raw, 3_000);
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.body()).contains("\"body\":\"hi\"");
    }
  }

  @Test
  void answersPipelinedRequestsInOrder() {
    try (RawHttp raw = new RawHttp(gateway.port())) {
      raw.send(RawHttp.crlf("GET /p1 HTTP/1.1\nHost: x\n\nGET /p2 HTTP/1.1\nHost: x\nConnection: close\n\n"));
      String both = RawExchange.read(raw, 3_000).text();
      assertThat(both.indexOf("\"/p1\"")).isPositive().isLessThan(both.indexOf("\"/p2\""));
    }
  }

  @Test
  void sendsAnAbsoluteFormRequestOnlyToTheConfiguredCluster() {
    RawExchange response = send("GET http://evil.example/x?q=1 HTTP/1.1\nHost: x\nConnection: close\n\n");
    assertThat(response.status()).isEqualTo(200);
    RecordedRequest received = upstream.take();
    assertThat(received.uri()).isEqualTo("/x?q=1");
    // RFC 9112 §3.2.2: the target's authority replaces Host; it names the host, never the upstream.
    assertThat(received.header("Host")).isEqualTo("evil.example");
    assertThat(new JsonObject(response.body()).getString("uri")).isEqualTo("/x?q=1");
  }

  @Test
  void neverLetsTheHostHeaderChooseTheUpstream() {
    RawExchange response = send("GET /h HTTP/1.1\nHost: 127.0.0.1:1\nConnection: close\n\n");
    assertThat(response.status()).isEqualTo(200);
    assertThat(upstream.take().uri()).isEqualTo("/h");
  }

  /** Reads one response with a Content-Length body from a connection that stays open. */
  private static String readOneResponse(RawHttp raw) {
    try {
      raw.socket().setSoTimeout(3_000);
      var in = raw.socket().getInputStream();
      StringBuilder head = new StringBuilder();
      while (!head.toString().endsWith("\r\n\r\n")) {
        int b = in.read();
        if (b < 0) throw new AssertionError("connection closed after: " + head);
        head.append((char) b);
      }
      int length = 0;
      for (String line : head.toString().split("\r\n")) {
        if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
          length = Integer.parseInt(line.substring(15).trim());
        }
      }
      byte[] body = in.readNBytes(length);
      return head + new String(body, java.nio.charset.StandardCharsets.ISO_8859_1);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
