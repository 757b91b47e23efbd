package dev.emporium.gateway.listener;

import dev.emporium.gateway.config.LimitsConfig;
import dev.emporium.gateway.config.ListenerConfig;
import dev.emporium.gateway.config.TlsConfig;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.Http2Settings;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.ServerSSLOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Turns a listener's configuration and the client limits into Vert.x server options. */
public final class ListenerOptions {

  private ListenerOptions() {}

  public static HttpServerOptions server(ListenerConfig listener, LimitsConfig limits) {
    HttpServerOptions options = new HttpServerOptions()
        .setHost(listener.host())
        .setPort(listener.port())
        .setTcpNoDelay(true)
        .setTcpFastOpen(true)
        .setReuseAddress(true)
        .setMaxInitialLineLength(limits.maxRequestLineLength())
        .setMaxHeaderSize(limits.maxHeaderSize().toIntBytes())
        .setIdleTimeout((int) limits.idleTimeout().toMillis())
        .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
        .setHandle100ContinueAutomatically(false)
        .setCompressionSupported(false)
        .setDecompressionSupported(false)
        .setHttp2ClearTextEnabled(listener.http2() && listener.tls() == null)
        // HTTP/2 announces the header limit to the client; over it, the codec answers 431.
        .setInitialSettings(new Http2Settings().setMaxHeaderListSize(limits.maxHeaderSize().bytes()));
    if (listener.tls() != null) {
      options.setSsl(true)
          .setKeyCertOptions(keyCert(listener.tls()))
          .setEnabledSecureTransportProtocols(new HashSet<>(listener.tls().protocols()));
      if (listener.http2()) {
        options.setUseAlpn(true).setAlpnVersions(List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1));
      }
    }
    return options;
  }

  /** The TLS options with the certificate and key as they are on disk now. */
  public static ServerSSLOptions ssl(ListenerConfig listener) {
    ServerSSLOptions ssl = new ServerSSLOptions()
        .setKeyCertOptions(keyCert(listener.tls()))
        .setEnabledSecureTransportProtocols(new HashSet<>(listener.tls().protocols()));
    if (listener.http2()) {
      ssl.setUseAlpn(true).setApplicationLayerProtocols(List.of("h2", "http/1.1"));
    }
    return ssl;
  }

  /** Reads the files now, so a certificate and key are always taken as a pair from one moment. */
  static PemKeyCertOptions keyCert(TlsConfig tls) {
    try {
      return new PemKeyCertOptions()
          .setCertValue(Buffer.buffer(Files.readAllBytes(Path.of(tls.certificate()))))
          .setKeyValue(Buffer.buffer(Files.readAllBytes(Path.of(tls.privateKey()))));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read TLS files " + tls.certificate() + ", " + tls.privateKey(), e);
    }
  }
}
