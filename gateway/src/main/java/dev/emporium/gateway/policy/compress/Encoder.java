package dev.emporium.gateway.policy.compress;

import io.vertx.core.buffer.Buffer;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Compresses a body piece by piece as gzip (RFC 1952) or HTTP's deflate, which is the zlib format
 * (RFC 1950). Each piece is flushed as it is given, so a streamed response (server-sent events, a
 * slow report) reaches the client as promptly as it would uncompressed; the work per piece is
 * bounded by the piece's size.
 */
final class Encoder {

  private static final byte[] GZIP_HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};

  private final Deflater deflater;
  private final boolean gzip;
  private final CRC32 crc = new CRC32();
  private final byte[] out = new byte[8192];
  private boolean started;
  private boolean ended;
  private long inputBytes;

  Encoder(String encoding, int level) {
    this.gzip = encoding.equals("gzip");
    this.deflater = new Deflater(level, gzip);
  }

  /** The compressed form of the next piece of the body. */
  Buffer encode(Buffer piece) {
    Buffer result = Buffer.buffer(piece.length() / 2 + 64);
    start(result);
    byte[] bytes = piece.getBytes();
    if (gzip) crc.update(bytes);
    inputBytes += bytes.length;
    deflater.setInput(bytes);
    int n;
    do {
      n = deflater.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
      result.appendBytes(out, 0, n);
    } while (n == out.length);
    return result;
  }

  /** The end of the compressed body; releases the deflater. */
  Buffer finish() {
    Buffer result = Buffer.buffer(64);
    start(result);
    deflater.finish();
    while (!deflater.finished()) {
      int n = deflater.deflate(out);
      result.appendBytes(out, 0, n);
    }
    if (gzip) {
      result.appendIntLE((int) crc.getValue());
      result.appendIntLE((int) inputBytes);
    }
    close();
    return result;
  }

  /** Releases the deflater's native memory; the body will not be finished. */
  void close() {
    if (!ended) {
      ended = true;
      deflater.end();
    }
  }

  private void start(Buffer result) {
    if (!started) {
      started = true;
      if (gzip) result.appendBytes(GZIP_HEADER);
    }
  }

  /** Compresses a whole body at once. */
  static Buffer encodeAll(String encoding, int level, Buffer body) {
    Encoder encoder = new Encoder(encoding, level);
    Buffer result = encoder.encode(body);
    return result.appendBuffer(encoder.finish());
  }
}
