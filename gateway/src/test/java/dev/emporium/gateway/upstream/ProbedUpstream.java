package dev.emporium.gateway.upstream;

import dev.emporium.gateway.testing.TestUpstream;
import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test upstream that answers health probes on {@code /healthz} with a status the test sets, and
 * any other request with 200 and its name in {@code X-Served-By}. It counts both kinds apart.
 */
final class ProbedUpstream implements AutoCloseable {

  static final String HEALTH_PATH = "/healthz";

  final String name;
  final TestUpstream server;
  private final AtomicInteger probeStatus = new AtomicInteger(200);
  private final AtomicInteger passedProbes = new AtomicInteger();
  private final AtomicInteger failedProbes = new AtomicInteger();
  private final AtomicInteger requests = new AtomicInteger();
  private volatile boolean hangProbes;

  ProbedUpstream(String name) {
    this.name = name;
    this.server = TestUpstream.start(this::handle);
  }

  private void handle(HttpServerRequest request) {
    if (HEALTH_PATH.equals(request.path())) {
      if (hangProbes) return;
      int status = probeStatus.get();
      (status < 400 ? passedProbes : failedProbes).incrementAndGet();
      request.response().setStatusCode(status).end();
      return;
    }
    requests.incrementAndGet();
    request.response().putHeader("X-Served-By", name).end(name);
  }

  /** Health probes answer {@code status} from now on; the counts start again. */
  void probesAnswer(int status) {
    passedProbes.set(0);
    failedProbes.set(0);
    probeStatus.set(status);
  }

  /** Health probes get no answer at all. */
  void hangProbes() {
    hangProbes = true;
  }

  int passedProbes() {
    return passedProbes.get();
  }

  int failedProbes() {
    return failedProbes.get();
  }

  /** Requests other than health probes. */
  int requests() {
    return requests.get();
  }

  String address() {
    return server.address();
  }

  @Override
  public void close() {
    server.close();
  }
}
