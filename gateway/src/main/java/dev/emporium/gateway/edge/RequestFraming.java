package dev.emporium.gateway.edge;

import dev.emporium.gateway.config.LimitsConfig;
import dev.emporium.gateway.problem.Problem;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import java.util.List;

/**
 * Checks a request head for the ambiguities request smuggling is built on, and for limits the HTTP
 * decoder does not enforce itself. A request that fails gets a problem and its connection closes:
 * after ambiguous framing, nothing else on that connection can be trusted.
 */
public final class RequestFraming {

  private RequestFraming() {}

  /** The problem with this request's head, or null when it is fine. */
  public static Problem check(HttpServerRequest request, LimitsConfig limits) {
    MultiMap headers = request.headers();
    int fields = 0;
    for (var header : headers) {
      fields++;
      if (header.getKey().isEmpty()) return Problem.badRequest("A header field has an empty name");
    }
    if (fields > limits.maxHeaderCount()) {
      return Problem.headersTooLarge("The request has " + fields + " header fields; the limit is "
          + limits.maxHeaderCount() + " (limits.maxHeaderCount)");
    }
    boolean http1 = request.version() != HttpVersion.HTTP_2;
    List<String> lengths = headers.getAll("Content-Length");
    List<String> encodings = headers.getAll("Transfer-Encoding");
    if (http1) {
      if (!lengths.isEmpty() && !encodings.isEmpty()) {
        return Problem.badRequest("The request has both Content-Length and Transfer-Encoding");
      }
      if (encodings.size() > 1 || (encodings.size() == 1 && !encodings.get(0).trim().equalsIgnoreCase("chunked"))) {
        return Problem.badRequest("The only Transfer-Encoding accepted is a single 'chunked'");
      }
      if (!encodings.isEmpty() && request.version() == HttpVersion.HTTP_1_0) {
        return Problem.badRequest("HTTP/1.0 requests cannot use Transfer-Encoding");
      }
      if (request.version() == HttpVersion.HTTP_1_1 && headers.getAll("Host").size() != 1) {
        return Problem.badRequest("An HTTP/1.1 request needs exactly one Host header");
      }
      // Vert.x leaves the authority empty when the Host header is not a valid host[:port].
      if (headers.contains("Host") && request.authority() == null) {
        return Problem.badRequest("The Host header is not a valid host and port");
      }
    }
    if (lengths.size() > 1) {
      return Problem.badRequest("The request has more than one Content-Length");
    }
    if (lengths.size() == 1) {
      long length = parseLength(lengths.get(0));
      if (length < 0) return Problem.badRequest("The Content-Length is not a number");
      long max = limits.maxBodySize().bytes();
      if (max > 0 && length > max) return Problem.bodyTooLarge(max);
    }
    return null;
  }

  /** The declared body length, or -1 when it is not a plain non-negative number. */
  public static long parseLength(String value) {
    String s = value.trim();
    if (s.isEmpty() || s.length() > 18) return -1;
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') return -1;
      n = n * 10 + (c - '0');
    }
    return n;
  }
}
