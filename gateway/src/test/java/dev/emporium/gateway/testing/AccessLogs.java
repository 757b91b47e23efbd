package dev.emporium.gateway.testing;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/** Reads a test gateway's access log. */
public final class AccessLogs {

  private AccessLogs() {}

  /** The access log line of the request with this id, waiting up to 5 s for the log writer. */
  public static JsonObject line(GatewayHarness gateway, String requestId) {
    AtomicReference<JsonObject> found = new AtomicReference<>();
    TestUpstream.await(Duration.ofSeconds(5), () -> {
      try {
        if (!Files.exists(gateway.accessLog())) return false;
        for (String line : Files.readAllLines(gateway.accessLog())) {
          if (line.contains("\"" + requestId + "\"")) {
            found.set(new JsonObject(line));
            return true;
          }
        }
        return false;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, "the access log line of " + requestId);
    return found.get();
  }
}
