package dev.emporium.launcher.tracing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ArrayNode;

/**
 * Takes spans the way OpenTelemetry exporters send them (OTLP over HTTP, protobuf, optionally
 * gzip, at {@code /v1/traces}) and hands them to Zipkin in its own JSON format. Zipkin reads no
 * OTLP by itself, and OpenTelemetry's Java SDK no longer ships a Zipkin exporter; with this in
 * front, the services and the gateway export OTLP, which any other tracing backend reads too.
 *
 * <p>An export answers 200 once Zipkin has taken its spans, 503 when Zipkin cannot be reached (the
 * exporter drops that batch), and 400, 405, 413 or 415 for a request that is not an OTLP export.
 */
public final class OtlpReceiver implements AutoCloseable {

  public static final String PATH = "/v1/traces";
  private static final Logger log = LoggerFactory.getLogger(OtlpReceiver.class);
  private static final Duration ZIPKIN_TIMEOUT = Duration.ofSeconds(10);

  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final URI zipkinSpans;
  private final int maxRequestBytes;
  private final AtomicLong forwarded = new AtomicLong();
  private final AtomicBoolean zipkinFailing = new AtomicBoolean();

  private OtlpReceiver(HttpServer server, URI zipkinSpans, int maxRequestBytes) {
    this.server = server;
    this.zipkinSpans = zipkinSpans;
    this.maxRequestBytes = maxRequestBytes;
  }

  /**
   * Listens on 127.0.0.1:{@code port} (0: a free port) and forwards to {@code zipkinSpans}
   * (Zipkin's {@code /api/v2/spans}).
   */
  public static OtlpReceiver start(int port, URI zipkinSpans, int maxRequestBytes) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    } catch (IOException e) {
      throw new IllegalStateException("cannot listen for OTLP on 127.0.0.1:" + port + " (set EMPORIUM_OTLP_PORT): "
          + e.getMessage(), e);
    }
    OtlpReceiver receiver = new OtlpReceiver(server, zipkinSpans, maxRequestBytes);
    server.setExecutor(receiver.executor);
    server.createContext(PATH, receiver::handle);
    server.start();
    return receiver;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** What exporters are configured with: the full URL of the traces endpoint. */
  public String endpoint() {
    return "http://127.0.0.1:" + port() + PATH;
  }

  /** Spans handed to Zipkin so far. */
  public long forwarded() {
    return forwarded.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestURI().getPath().equals(PATH)) {
        respond(exchange, 404, "no such endpoint; OTLP traces go to " + PATH);
        return;
      }
      if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().set("Allow", "POST");
        respond(exchange, 405, "OTLP exports are POSTed");
        return;
      }
      String type = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")).toLowerCase(Locale.ROOT);
      if (!type.startsWith("application/x-protobuf")) {
        respond(exchange, 415, "only OTLP/HTTP in protobuf (application/x-protobuf) is read, not " + type);
        return;
      }
      ExportTraceServiceRequest request;
      try {
        request = ExportTraceServiceRequest.parseFrom(body(exchange));
      } catch (TooLarge e) {
        respond(exchange, 413, "an export may hold at most " + maxRequestBytes + " bytes (EMPORIUM_OTLP_MAX_REQUEST_BYTES)");
        return;
      } catch (IOException e) {
        // Not protobuf, or a gzip stream that is broken or cut short.
        respond(exchange, 400, "not an OTLP trace export: " + e.getMessage());
        return;
      }
      ArrayNode spans = ZipkinSpans.of(request);
      if (!spans.isEmpty() && !forward(spans)) {
        respond(exchange, 503, "Zipkin at " + zipkinSpans + " did not take the spans");
        return;
      }
      byte[] ok = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
      exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
      exchange.sendResponseHeaders(200, ok.length == 0 ? -1 : ok.length);
      exchange.getResponseBody().write(ok);
    }
  }

  private boolean forward(ArrayNode spans) {
    HttpRequest post = HttpRequest.newBuilder(zipkinSpans).timeout(ZIPKIN_TIMEOUT)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(ZipkinSpans.json(spans))).build();
    String failure;
    try {
      HttpResponse<String> response = http.send(post, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 == 2) {
        forwarded.addAndGet(spans.size());
        if (zipkinFailing.compareAndSet(true, false)) {
          log.info("Zipkin takes spans again");
        }
        return true;
      }
      failure = "HTTP " + response.statusCode() + ": " + response.body();
    } catch (IOException e) {
      failure = e.toString();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure = "interrupted";
    }
    // Once per outage, not once per batch.
    if (zipkinFailing.compareAndSet(false, true)) {
      log.warn("Zipkin at {} did not take {} spans: {}", zipkinSpans, spans.size(), failure);
    }
    return false;
  }

  /** The request body, gunzipped when so encoded, refused past {@code maxRequestBytes} either way. */
  private byte[] body(HttpExchange exchange) throws IOException {
    String length = exchange.getRequestHeaders().getFirst("Content-Length");
    if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > maxRequestBytes) {
      throw new TooLarge();
    }
    InputStream in = exchange.getRequestBody();
    if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
      in = new GZIPInputStream(in);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[16 * 1024];
    for (int read; (read = in.read(buffer)) != -1; ) {
      if (out.size() + read > maxRequestBytes) {
        throw new TooLarge();
      }
      out.write(buffer, 0, read);
    }
    return out.toByteArray();
  }

  private static void respond(HttpExchange exchange, int status, String message) throws IOException {
    byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
  }

  private static final class TooLarge extends IOException {
    TooLarge() {
      super("request too large");
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.close();
  }
}
