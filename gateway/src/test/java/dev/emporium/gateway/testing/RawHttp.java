package dev.emporium.gateway.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * Talks HTTP over a plain socket, byte for byte, for requests no well-behaved client would send:
 * ambiguous framing, oversized heads, slow trickles.
 */
public final class RawHttp implements AutoCloseable {

  private final Socket socket;

  public RawHttp(int port) {
    try {
      socket = new Socket("127.0.0.1", port);
      socket.setSoTimeout(5_000);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends {@code request} (with \n turned into \r\n where written as \n) and reads until the server closes or 5 s pass. */
  public static String exchange(int port, String request) {
    try (RawHttp raw = new RawHttp(port)) {
      raw.send(request);
      return raw.readUntilClosed();
    }
  }

  /** CRLF line endings for a request written with plain newlines. */
  public static String crlf(String request) {
    return request.replace("\r\n", "\n").replace("\n", "\r\n");
  }

  public void send(String text) {
    sendBytes(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  public void sendBytes(byte[] bytes) {
    try {
      socket.getOutputStream().write(bytes);
      socket.getOutputStream().flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Everything the server sends until it closes the connection (or the read times out). */
  public String readUntilClosed() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      InputStream in = socket.getInputStream();
      byte[] buf = new byte[8192];
      int n;
      while ((n = in.read(buf)) >= 0) out.write(buf, 0, n);
    } catch (SocketTimeoutException e) {
      // The server kept the connection open; return what arrived.
    } catch (IOException e) {
      // A reset ends the conversation just as a close does.
    }
    return out.toString(StandardCharsets.ISO_8859_1);
  }

  /** Whether the server has closed the connection (a read returns end of stream within the wait). */
  public boolean closedWithin(int millis) {
    try {
      socket.setSoTimeout(millis);
      InputStream in = socket.getInputStream();
      byte[] buf = new byte[8192];
      while (true) {
        int n = in.read(buf);
        if (n < 0) return true;
      }
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  public Socket socket() {
    return socket;
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing a test socket
    }
  }
}
