package dev.emporium.launcher.platform;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks, before any embedded engine starts, that the ports they will listen on are free. Without
 * it a taken port goes wrong quietly: the embedded PostgreSQL's readiness probe answers from
 * whatever server holds the port, and the services then talk to that one; a taken Kafka port halts
 * the JVM from inside the broker, leaving the embedded PostgreSQL behind.
 */
final class EnginePorts {

  /** A port an embedded engine listens on, and the variable that moves it. */
  record Wanted(String engine, int port, String variable) {}

  private EnginePorts() {}

  /** @throws PortInUseException naming every wanted port that is taken, with its variable */
  static void requireFree(List<Wanted> wanted) {
    List<Wanted> taken = new ArrayList<>();
    for (Wanted w : wanted) {
      if (!free(w.port())) {
        taken.add(w);
      }
    }
    if (!taken.isEmpty()) {
      throw new PortInUseException(taken);
    }
  }

  static boolean free(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Ports of embedded engines already in use: another {@code emporium up}, or another server. */
  static final class PortInUseException extends IllegalStateException {

    private final List<Wanted> taken;

    PortInUseException(List<Wanted> taken) {
      super(message(taken));
      this.taken = List.copyOf(taken);
    }

    List<Wanted> taken() {
      return taken;
    }

    private static String message(List<Wanted> taken) {
      StringBuilder text = new StringBuilder();
      for (Wanted w : taken) {
        text.append(text.isEmpty() ? "" : "; ").append("port ").append(w.port()).append(" of the embedded ")
            .append(w.engine()).append(" is in use (set ").append(w.variable()).append(" to move it)");
      }
      return text + ". Is another emporium up running?";
    }
  }
}
