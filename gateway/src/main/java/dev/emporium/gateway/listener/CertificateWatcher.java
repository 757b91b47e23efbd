package dev.emporium.gateway.listener;

import dev.emporium.gateway.config.ListenerConfig;
import io.vertx.core.Vertx;
import io.vertx.core.net.ServerSSLOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a TLS listener's certificate and key files and hands new TLS options to the servers when
 * either changes. Files are compared by content, not time stamps, so a symlink swap (as Kubernetes
 * does with mounted secrets) is seen too, and a touch without change is not.
 */
public final class CertificateWatcher {

  private static final Logger log = LoggerFactory.getLogger(CertificateWatcher.class);

  private final Vertx vertx;
  private final ListenerConfig listener;
  private final Consumer<ServerSSLOptions> apply;
  private byte[] fingerprint;
  private long timerId = -1;

  public CertificateWatcher(Vertx vertx, ListenerConfig listener, Consumer<ServerSSLOptions> apply) {
    this.vertx = vertx;
    this.listener = listener;
    this.apply = apply;
  }

  public void start() {
    fingerprint = fingerprint();
    timerId = vertx.setPeriodic(listener.tls().reloadInterval().toMillis(), id ->
        vertx.<byte[]>executeBlocking(this::fingerprint, false).onSuccess(this::compare));
  }

  public void stop() {
    if (timerId >= 0) vertx.cancelTimer(timerId);
  }

  private void compare(byte[] current) {
    if (current == null || Arrays.equals(current, fingerprint)) return;
    fingerprint = current;
    try {
      log.info("listener {}: certificate files changed, loading them", listener.name());
      apply.accept(ListenerOptions.ssl(listener));
    } catch (RuntimeException e) {
      log.error("listener {}: cannot load the changed certificate, keeping the current one: {}",
          listener.name(), e.getMessage());
    }
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
