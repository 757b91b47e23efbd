package dev.emporium.gateway.listener;

import dev.emporium.gateway.config.ListenerConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.ServerSSLOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a TLS listener's certificate and key files and hands new TLS options to the servers when
 * either changes. Files are compared by content, not time stamps, so a symlink swap (as Kubernetes
 * does with mounted secrets) is seen too, and a touch without change is not. A change is taken
 * only when the files parse and the key belongs to the certificate; otherwise the listener keeps
 * its current certificate, and the files are tried again when they next change.
 */
public final class CertificateWatcher {

  private static final Logger log = LoggerFactory.getLogger(CertificateWatcher.class);

  private final Vertx vertx;
  private final ListenerConfig listener;
  private final Function<ServerSSLOptions, Future<?>> apply;
  private byte[] fingerprint;
  private long timerId = -1;
  private boolean checking;

  /** @param apply puts new TLS options in force on every server of the listener */
  public CertificateWatcher(Vertx vertx, ListenerConfig listener, Function<ServerSSLOptions, Future<?>> apply) {
    this.vertx = vertx;
    this.listener = listener;
    this.apply = apply;
  }

  public void start() {
    fingerprint = fingerprint();
    timerId = vertx.setPeriodic(listener.tls().reloadInterval().toMillis(), id -> check());
  }

  public void stop() {
    if (timerId >= 0) vertx.cancelTimer(timerId);
  }

  private void check() {
    if (checking) return;
    checking = true;
    vertx.<ServerSSLOptions>executeBlocking(this::loadIfChanged, false)
        .compose(ssl -> ssl == null ? Future.succeededFuture() : apply.apply(ssl).onSuccess(v ->
            log.info("listener {}: serving the changed certificate", listener.name())))
        .onFailure(e -> log.error("listener {}: cannot use the changed certificate files, keeping the current "
            + "certificate: {}", listener.name(), e.getMessage()))
        .onComplete(ar -> checking = false);
  }

  /** The new TLS options when the files changed and hold a usable pair; null when unchanged. */
  private ServerSSLOptions loadIfChanged() {
    byte[] current = fingerprint();
    if (current == null || Arrays.equals(current, fingerprint)) return null;
    fingerprint = current;
    log.info("listener {}: certificate files changed, loading them", listener.name());
    ServerSSLOptions ssl = ListenerOptions.ssl(listener);
    CertificateCheck.verify((io.vertx.core.net.PemKeyCertOptions) ssl.getKeyCertOptions(), vertx);
    return ssl;
  }

  private byte[] fingerprint() {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(Files.readAllBytes(Path.of(listener.tls().certificate())));
      digest.update(Files.readAllBytes(Path.of(listener.tls().privateKey())));
      return digest.digest();
    } catch (IOException e) {
      log.warn("listener {}: cannot read certificate files: {}", listener.name(), e.getMessage());
      return null;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
