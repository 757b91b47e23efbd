package dev.emporium.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.emporium.gateway.testing.GatewayHarness;
import dev.emporium.gateway.testing.RawExchange;
import dev.emporium.gateway.testing.TestUpstream;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** WebSocket upgrades tunnelled to the upstream, frames both ways, and the ways an upgrade fails. */
class WebSocketProxyIT {

  static Vertx upstreamVertx;
  static HttpServer upstream;
  static GatewayHarness gateway;
  static Vertx clientVertx;
  static WebSocketClient client;
  static final BlockingQueue<String> upstreamEvents = new LinkedBlockingQueue<>();
  static final AtomicReference<ServerWebSocket> lastUpstreamSocket = new AtomicReference<>();

  @BeforeAll
  static void start() throws Exception {
    upstreamVertx = Vertx.vertx();
    upstream = upstreamVertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)
            .addWebSocketSubProtocol("chat.v1"))
        .webSocketHandshakeHandler(handshake -> {
          upstreamEvents.add("handshake " + handshake.path() + " x-request-id="
              + (handshake.headers().get("X-Request-Id") != null));
          if (handshake.path().equals("/ws/forbidden")) {
            handshake.reject(403);
          } else {
            handshake.accept();
          }
        })
        .webSocketHandler(socket -> {
          lastUpstreamSocket.set(socket);
          socket.textMessageHandler(text -> socket.writeTextMessage("echo:" + text));
          socket.binaryMessageHandler(bytes -> socket.writeBinaryMessage(Buffer.buffer("bin:").appendBuffer(bytes)));
          socket.closeHandler(v -> upstreamEvents.add("closed " + socket.closeStatusCode()));
        })
        .requestHandler(request -> request.response().end("plain"));
    upstream.listen().await();
    int downPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      downPort = socket.getLocalPort();
    }
    gateway = GatewayHarness.start("""
        routes:
          - name: ws
            match:
              path: /ws/**
            cluster: sockets
          - name: down
            match:
              path: /down/**
            cluster: nowhere
        clusters:
          - name: sockets
            endpoints:
              - address: 127.0.0.1:%d
          - name: nowhere
            endpoints:
              - address: 127.0.0.1:%d
        """.formatted(upstream.actualPort(), downPort));
    clientVertx = Vertx.vertx();
    client = clientVertx.createWebSocketClient();
  }

  @AfterAll
  static void stop() {
    client.close().await();
    clientVertx.close().await();
    gateway.close();
    upstreamVertx.close().await();
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static WebSocketConnectOptions to(String uri) {
    return new WebSocketConnectOptions().setHost("127.0.0.1").setPort(gateway.port()).setURI(uri);
  }

  @Test
  void carriesTextAndBinaryFramesBothWays() throws Exception {
    upstreamEvents.clear();
    WebSocket socket = await(client.connect(to("/ws/chat")));
    BlockingQueue<String> received = new LinkedBlockingQueue<>();
    socket.textMessageHandler(received::add);
    socket.binaryMessageHandler(bytes -> received.add("binary " + bytes));
    socket.writeTextMessage("hello");
    assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("echo:hello");
    socket.writeBinaryMessage(Buffer.buffer(new byte[] {1, 2, 3}));
    assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("binary " + Buffer.buffer("bin:").appendBytes(new byte[] {1, 2, 3}));
    String big = "x".repeat(100_000);
    socket.writeTextMessage(big);
    assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("echo:" + big);
    assertThat(upstreamEvents.poll(5, TimeUnit.SECONDS)).isEqualTo("handshake /ws/chat x-request-id=true");
    await(socket.close());
  }

  @Test
  void passesTheClientsCloseToTheUpstream() throws Exception {
    WebSocket socket = await(client.connect(to("/ws/close-from-client")));
    upstreamEvents.clear();
    await(socket.close((short) 4001, "bye"));
    assertThat(upstreamEvents.poll(5, TimeUnit.SECONDS)).isEqualTo("closed 4001");
  }

  @Test
  void passesTheUpstreamsCloseToTheClient() throws Exception {
    WebSocket socket = await(client.connect(to("/ws/close-from-upstream")));
    CompletableFuture<Short> closed = new CompletableFuture<>();
    socket.closeHandler(v -> closed.complete(socket.closeStatusCode()));
    TestUpstream.await(Duration.ofSeconds(5), () -> lastUpstreamSocket.get() != null
        && lastUpstreamSocket.get().path().equals("/ws/close-from-upstream"), "the upstream socket");
    lastUpstreamSocket.get().close((short) 4002, "server says bye");
    assertThat(closed.get(5, TimeUnit.SECONDS)).isEqualTo((short) 4002);
  }

  @Test
  void agreesOnASubprotocolTheUpstreamSupports() throws Exception {
    WebSocket socket = await(client.connect(to("/ws/proto").addSubProtocol("chat.v1")));
    assertThat(socket.subProtocol()).isEqualTo("chat.v1");
    await(socket.close());
  }

  @Test
  void showsTheClientTheUpstreamsRefusal() {
    assertThatThrownBy(() -> await(client.connect(to("/ws/forbidden"))))
        .isInstanceOf(ExecutionException.class)
        .cause().isInstanceOfSatisfying(UpgradeRejectedException.class, e -> assertThat(e.getStatus()).isEqualTo(403));
  }

  @Test
  void answersAnUpgradeToAnUpstreamThatIsDownWith502Problem() {
    RawExchange response = RawExchange.send(gateway.port(), """
        GET /down/socket HTTP/1.1
        Host: x
        Upgrade: websocket
        Connection: Upgrade
        Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==
        Sec-WebSocket-Version: 13

        """, 3_000);
    assertThat(response.status()).isEqualTo(502);
    assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(response.body()).contains("\"status\":502").contains("\"requestId\"");
  }

  @Test
  void leavesPlainRequestsOnAWebSocketRoutePlain() throws Exception {
    assertThat(gateway.get("/ws/plain").body()).isEqualTo("plain");
  }
}
