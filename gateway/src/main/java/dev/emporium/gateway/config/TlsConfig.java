package dev.emporium.gateway.config;

import java.time.Duration;
import java.util.List;

/**
 * TLS termination from PEM files. The files are watched and a changed certificate is taken into
 * use without a restart.
 *
 * @param certificate PEM certificate chain, leaf first
 * @param privateKey PEM private key (PKCS#8 or PKCS#1)
 * @param protocols enabled protocol versions, default TLSv1.2 and TLSv1.3
 * @param reloadInterval how often the files are checked for changes
 */
public record TlsConfig(String certificate, String privateKey, List<String> protocols, Duration reloadInterval) {

  public static final List<String> DEFAULT_PROTOCOLS = List.of("TLSv1.2", "TLSv1.3");

  public TlsConfig {
    protocols = protocols == null ? DEFAULT_PROTOCOLS : List.copyOf(protocols);
    reloadInterval = reloadInterval == null ? Duration.ofSeconds(5) : reloadInterval;
  }
}
