package dev.emporium.gateway.policy.openapi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Loads OpenAPI documents, compiling each once per content: a configuration is bound twice (to
 * validate, then to build), and a reload that leaves a document unchanged reuses its compiled form.
 * A changed file is compiled anew. The cache is small and bounded.
 */
final class OpenApiDocuments {

  private static final int CACHED = 32;

  private record Key(Path file, String sha256) {}

  private static final Map<Key, OpenApiContract> cache = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Key, OpenApiContract> eldest) {
      return size() > CACHED;
    }
  };

  private OpenApiDocuments() {}

  /** @throws IllegalArgumentException naming the file and what is wrong with it */
  static OpenApiContract load(String document) {
    Path file = Path.of(document).toAbsolutePath().normalize();
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("document: cannot read '" + document + "': no such file (resolved to " + file + ")");
    } catch (IOException e) {
      throw new IllegalArgumentException("document: cannot read '" + document + "': " + e.getMessage());
    }
    Key key = new Key(file, sha256(bytes));
    synchronized (cache) {
      OpenApiContract cached = cache.get(key);
      if (cached != null) return cached;
    }
    OpenApiContract contract;
    try {
      contract = new OpenApiLoader(document, file, bytes).load();
    } catch (OpenApiLoader.InvalidDocumentException e) {
      throw new IllegalArgumentException("document: '" + document + "' " + e.getMessage());
    }
    synchronized (cache) {
      cache.put(key, contract);
    }
    return contract;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
