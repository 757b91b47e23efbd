package dev.emporium.platform.service.registry;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The address other machines reach this instance at, when {@code emporium.registry.advertised-host}
 * does not say: the address the server binds to ({@code server.address}); 127.0.0.1 (or ::1) when
 * that is loopback, since then nothing else can reach it anyway; the first non-loopback address of
 * an interface that is up, IPv4 first, when it binds to all addresses; 127.0.0.1 when there is none.
 */
final class AdvertisedHost {

  private AdvertisedHost() {}

  static String resolve(String configured, String serverAddress) {
    if (configured != null) return configured;
    if (serverAddress != null && !serverAddress.isBlank()) {
      InetAddress bound;
      try {
        bound = InetAddress.getByName(serverAddress.trim());
      } catch (UnknownHostException e) {
        throw new IllegalStateException("server.address '" + serverAddress + "' does not resolve", e);
      }
      if (bound.isLoopbackAddress()) return bound instanceof Inet4Address ? "127.0.0.1" : "::1";
      if (!bound.isAnyLocalAddress()) return bound.getHostAddress();
    }
    return firstNonLoopback();
  }

  static String firstNonLoopback() {
    List<InetAddress> candidates = new ArrayList<>();
    try {
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!nic.isUp() || nic.isLoopback()) continue;
        for (InetAddress address : Collections.list(nic.getInetAddresses())) {
          if (!address.isLoopbackAddress() && !address.isLinkLocalAddress() && !address.isAnyLocalAddress()) {
            candidates.add(address);
          }
        }
      }
    } catch (SocketException e) {
      return "127.0.0.1";
    }
    return candidates.stream().filter(a -> a instanceof Inet4Address).findFirst()
        .or(() -> candidates.stream().findFirst())
        .map(InetAddress::getHostAddress)
        .map(AdvertisedHost::withoutScope)
        .orElse("127.0.0.1");
  }

  /** {@code fe80::1%eth0} → {@code fe80::1}: the scope means nothing to another machine. */
  private static String withoutScope(String address) {
    int percent = address.indexOf('%');
    return percent < 0 ? address : address.substring(0, percent);
  }

  /** {@code host:port}, with an IPv6 literal in brackets. */
  static String hostPort(String host, int port) {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }
}
