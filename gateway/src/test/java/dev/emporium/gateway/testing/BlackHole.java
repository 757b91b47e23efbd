package dev.emporium.gateway.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * A loopback address where connections are never accepted and never refused: a listening socket
 * whose accept queue is full, so the kernel drops further SYNs and a connect attempt hangs until
 * the caller's own timeout. It stands in for a black-holed host without sending a packet off the
 * machine.
 */
public final class BlackHole implements AutoCloseable {

  private final ServerSocket server;
  private final List<Socket> fillers = new ArrayList<>();

  public BlackHole() {
    try {
      server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
      for (int i = 0; i < 16; i++) {
        Socket s = new Socket();
        try {
          s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 200);
          fillers.add(s);
        } catch (SocketTimeoutException full) {
          s.close();
          return;
        }
      }
      throw new IllegalStateException("the accept queue never filled; cannot make a black hole");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code 127.0.0.1:port}, as a cluster endpoint address. */
  public String address() {
    return "127.0.0.1:" + server.getLocalPort();
  }

  @Override
  public void close() {
    try {
      for (Socket s : fillers) s.close();
      server.close();
    } catch (IOException ignored) {
      // closing test sockets
    }
  }
}
