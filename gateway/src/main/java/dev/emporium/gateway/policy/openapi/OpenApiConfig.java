package dev.emporium.gateway.policy.openapi;

import dev.emporium.gateway.config.ByteSize;

/**
 * The {@code openapi} policy's settings.
 *
 * @param document path of the OpenAPI 3.0 or 3.1 document (YAML or JSON), relative to the
 *     gateway's working directory; loaded and compiled when the configuration loads
 * @param match which path is looked up among the document's paths: {@code upstream} (default), the
 *     path the upstream receives after the route's stripPrefix/rewrite and earlier policies, or
 *     {@code client}, the normalized path the client sent
 * @param basePath a prefix removed from that path before the lookup (e.g. the document's server
 *     URL path); default none
 * @param maxBodySize the largest request body read for validation; larger bodies get 413; default 1MiB
 * @param unknownOperations {@code reject} (default): a request the document has no operation for
 *     gets 404 (unknown path) or 405 (unknown method); {@code pass}: it goes upstream unchecked
 * @param maxErrors the most errors listed in one answer; default 20
 */
public record OpenApiConfig(
    String document, String match, String basePath, ByteSize maxBodySize, String unknownOperations, Integer maxErrors) {

  public static final ByteSize DEFAULT_MAX_BODY_SIZE = ByteSize.ofMebibytes(1);

  public OpenApiConfig {
    if (document == null || document.isBlank()) {
      throw new IllegalArgumentException("document: the path of an OpenAPI 3 document is required");
    }
    match = match == null ? "upstream" : match;
    if (!match.equals("upstream") && !match.equals("client")) {
      throw new IllegalArgumentException("match: must be 'upstream' or 'client', is '" + match + "'");
    }
    basePath = basePath == null || basePath.equals("/") ? "" : basePath;
    if (!basePath.isEmpty() && (!basePath.startsWith("/") || basePath.endsWith("/"))) {
      throw new IllegalArgumentException("basePath: must start with '/' and not end with one, e.g. /api/v1");
    }
    maxBodySize = maxBodySize == null ? DEFAULT_MAX_BODY_SIZE : maxBodySize;
    if (maxBodySize.bytes() < 1 || maxBodySize.bytes() > 64L * 1024 * 1024) {
      throw new IllegalArgumentException("maxBodySize: must be between 1 byte and 64MiB; bodies are validated on the event loop");
    }
    unknownOperations = unknownOperations == null ? "reject" : unknownOperations;
    if (!unknownOperations.equals("reject") && !unknownOperations.equals("pass")) {
      throw new IllegalArgumentException("unknownOperations: must be 'reject' or 'pass', is '" + unknownOperations + "'");
    }
    maxErrors = maxErrors == null ? 20 : maxErrors;
    if (maxErrors < 1 || maxErrors > 1000) throw new IllegalArgumentException("maxErrors: must be between 1 and 1000");
    // Loading here makes a broken document a configuration error with the route's file and line.
    OpenApiDocuments.load(document);
  }
}
