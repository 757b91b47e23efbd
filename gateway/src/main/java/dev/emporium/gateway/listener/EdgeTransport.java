package dev.emporium.gateway.listener;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.socket.InternetProtocolFamily;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.http.Http1ServerConfig;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.net.TcpConfig;
import io.vertx.core.transport.Transport;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;

/**
 * The gateway's Vert.x transport: the native (or NIO) one, plus a hook on every connection a
 * clear-text listener accepts, so that {@link Http1Decoding} can prepare it before Vert.x reads
 * from it. Vert.x offers no accept hook of its own; a transport may configure the server
 * bootstrap, and this one wraps its child handler. Ports not registered as listeners (the admin
 * port) are left alone.
 */
public final class EdgeTransport implements Transport {

  private record Guarded(Http1ServerConfig config, long headerReadTimeoutMs) {}

  private final Transport transport;
  private final Map<Integer, Guarded> ports = new ConcurrentHashMap<>();
  private final Implementation implementation;

  private EdgeTransport(Transport transport) {
    this.transport = transport;
    this.implementation = new Implementation(transport.implementation());
  }

  /**
   * Wraps the chosen transport. {@code auto} takes io_uring where the kernel allows it (it batches
   * socket operations, so each request costs fewer system calls), else epoll, else NIO; a named
   * transport that is unavailable is an error rather than a silent fallback.
   */
  public static EdgeTransport create(String choice) {
    Transport chosen = switch (choice) {
      case "io_uring" -> Transport.IO_URING;
      case "epoll" -> Transport.EPOLL;
      case "nio" -> Transport.NIO;
      default -> Transport.IO_URING.available() ? Transport.IO_URING
          : Transport.EPOLL.available() ? Transport.EPOLL : Transport.NIO;
    };
    if (!chosen.available()) {
      throw new IllegalStateException("transport " + choice + " is not available on this machine: "
          + chosen.unavailabilityCause());
    }
    return new EdgeTransport(chosen);
  }

  /** Prepares the connections accepted on a clear-text listener's {@code port}. */
  public void guard(int port, Http1ServerConfig config, long headerReadTimeoutMs) {
    ports.put(port, new Guarded(new Http1ServerConfig(config), headerReadTimeoutMs));
  }

  @Override
  public String name() {
    return transport.name();
  }

  @Override
  public boolean available() {
    return transport.available();
  }

  @Override
  public Throwable unavailabilityCause() {
    return transport.unavailabilityCause();
  }

  @Override
  public io.vertx.core.spi.transport.Transport implementation() {
    return implementation;
  }

  private ChannelHandler accepting(ChannelHandler vertx) {
    return new ChannelInitializer<Channel>() {
      @Override
      protected void initChannel(Channel channel) {
        // Ours goes in first: Vert.x may build the whole HTTP/1.x pipeline, and call the
        // connection handler, while its own initializer runs.
        if (channel.localAddress() instanceof InetSocketAddress local) {
          Guarded guarded = ports.get(local.getPort());
          if (guarded != null) {
            channel.pipeline().addLast(Http1Decoding.atAccept(guarded.config(), guarded.headerReadTimeoutMs()));
          }
        }
        channel.pipeline().addLast(vertx);
      }
    };
  }

  /** Delegates everything to the wrapped transport but the server bootstrap's child handler. */
  private final class Implementation implements io.vertx.core.spi.transport.Transport {

    private final io.vertx.core.spi.transport.Transport delegate;

    Implementation(io.vertx.core.spi.transport.Transport delegate) {
      this.delegate = delegate;
    }

    @Override
    public void configure(TcpConfig config, boolean domainSocket, ServerBootstrap bootstrap) {
      delegate.configure(config, domainSocket, bootstrap);
      ChannelHandler child = bootstrap.config().childHandler();
      if (child != null) bootstrap.childHandler(accepting(child));
    }

    @Override
    public void configure(TcpConfig config, boolean domainSocket, io.netty.bootstrap.Bootstrap bootstrap) {
      delegate.configure(config, domainSocket, bootstrap);
    }

    @Override
    public void configure(DatagramChannel channel, DatagramSocketOptions options) {
      delegate.configure(channel, options);
    }

    @Override
    public boolean supportsDomainSockets() {
      return delegate.supportsDomainSockets();
    }

    @Override
    public boolean supportFileRegion() {
      return delegate.supportFileRegion();
    }

    @Override
    public boolean isAvailable() {
      return delegate.isAvailable();
    }

    @Override
    public Throwable unavailabilityCause() {
      return delegate.unavailabilityCause();
    }

    @Override
    public java.net.SocketAddress convert(SocketAddress address) {
      return delegate.convert(address);
    }

    @Override
    public SocketAddress convert(java.net.SocketAddress address) {
      return delegate.convert(address);
    }

    @Override
    public IoHandlerFactory ioHandlerFactory() {
      return delegate.ioHandlerFactory();
    }

    @Override
    public EventLoopGroup eventLoopGroup(int type, int threads, ThreadFactory threadFactory, int ioRatio) {
      return delegate.eventLoopGroup(type, threads, threadFactory, ioRatio);
    }

    @Override
    public DatagramChannel datagramChannel(InternetProtocolFamily family) {
      return delegate.datagramChannel(family);
    }

    @Override
    public io.netty.channel.ChannelFactory<? extends DatagramChannel> datagramChannelFactory() {
      return delegate.datagramChannelFactory();
    }

    @Override
    public io.netty.channel.ChannelFactory<? extends Channel> channelFactory(boolean domainSocket) {
      return delegate.channelFactory(domainSocket);
    }

    @Override
    public io.netty.channel.ChannelFactory<? extends ServerChannel> serverChannelFactory(boolean domainSocket) {
      return delegate.serverChannelFactory(domainSocket);
    }
  }
}
