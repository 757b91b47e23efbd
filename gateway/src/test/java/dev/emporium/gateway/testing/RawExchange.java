package dev.emporium.gateway.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * What came back for a raw request: everything the gateway sent, and whether it closed the
 * connection (as opposed to the read timing out on a connection it kept open).
 */
public record RawExchange(String text, boolean closed) {

  /** Sends {@code request} (newlines become CRLF) and reads until the gateway closes, or {@code waitMs} pass. */
  public static RawExchange send(int port, String request, int waitMs) {
    try (RawHttp raw = new RawHttp(port)) {
      raw.send(RawHttp.crlf(request));
      return read(raw, waitMs);
    }
  }

  public static RawExchange read(RawHttp raw, int waitMs) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    boolean closed;
    try {
      raw.socket().setSoTimeout(waitMs);
      InputStream in = raw.socket().getInputStream();
      byte[] buf = new byte[8192];
      int n;
      while ((n = in.read(buf)) >= 0) out.write(buf, 0, n);
      closed = true;
    } catch (SocketTimeoutException e) {
      closed = false;
    } catch (IOException e) {
      closed = true;
    }
    return new RawExchange(out.toString(StandardCharsets.ISO_8859_1), closed);
  }

  public int status() {
    assertThat(text).as("a response").startsWith("HTTP/1.");
    return Integer.parseInt(text.substring(9, 12));
  }

  public String header(String name) {
    int end = text.indexOf("\r\n\r\n");
    for (String line : text.substring(0, end < 0 ? text.length() : end).split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) return line.substring(colon + 1).trim();
    }
    return null;
  }

  public String body() {
    int end = text.indexOf("\r\n\r\n");
    return end < 0 ? "" : text.substring(end + 4);
  }

  /** The gateway's own problem answer: status, problem+json with status and request id, connection closed. */
  public void assertProblemAndClosed(int status) {
    assertThat(status()).as(text).isEqualTo(status);
    assertThat(header("Content-Type")).isEqualTo("application/problem+json");
    String requestId = header("X-Request-Id");
    assertThat(requestId).matches("[0-9a-f]{32}");
    JsonObject problem = new JsonObject(body());
    assertThat(problem.getInteger("status")).isEqualTo(status);
    assertThat(problem.getString("title")).isNotBlank();
    assertThat(problem.getString("requestId")).isEqualTo(requestId);
    assertThat(header("Connection")).isEqualToIgnoringCase("close");
    assertThat(closed).as("the gateway closed the connection").isTrue();
  }
}
