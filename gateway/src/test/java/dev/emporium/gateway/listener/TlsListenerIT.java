package dev.emporium.gateway.listener;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.gateway.testing.Certificates;
import dev.emporium.gateway.testing.GatewayHarness;
import dev.emporium.gateway.testing.TestUpstream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS termination from PEM files: protocol versions, and certificates replaced on disk while serving. */
class TlsListenerIT {

  @TempDir
  static Path dir;
  static TestUpstream upstream;
  static GatewayHarness gateway;
  static Certificates.Issued first;
  static Path certFile;
  static Path keyFile;

  @BeforeAll
  static void start() throws IOException {
    upstream = TestUpstream.echo();
    first = Certificates.selfSigned(dir.resolve("first"), "first.test");
    certFile = dir.resolve("server.crt");
    keyFile = dir.resolve("server.key");
    Files.copy(first.certificateFile(), certFile);
    Files.copy(first.keyFile(), keyFile);
    gateway = GatewayHarness.start("""
        listeners:
          - name: public
            host: 127.0.0.1
            port: 0
            tls:
              certificate: %s
              privateKey: %s
              reloadInterval: 200ms
        limits:
          headerReadTimeout: 1s
        routes:
          - name: all
            match:
              path: /**
            cluster: backend
        clusters:
          - name: backend
            endpoints:
              - address: %s
        """.formatted(certFile, keyFile, upstream.address()));
  }

  @AfterAll
  static void stop() {
    gateway.close();
    upstream.close();
  }

  private static HttpResponse<String> get(String protocol, X509Certificate trusted) throws Exception {
    SSLParameters parameters = new SSLParameters();
    parameters.setProtocols(new String[] {protocol});
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .sslContext(trusting(trusted)).sslParameters(parameters).connectTimeout(Duration.ofSeconds(15)).build();
    return client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + gateway.port() + "/tls"))
        .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static SSLContext trusting(X509Certificate certificate) throws Exception {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    store.setCertificateEntry("test", certificate);
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), new SecureRandom());
    return context;
  }

  @Test
  void servesHttpsOverTls12() throws Exception {
    HttpResponse<String> response = get("TLSv1.2", currentCertificate());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.sslSession().orElseThrow().getProtocol()).isEqualTo("TLSv1.2");
    assertThat(upstream.take().header("X-Forwarded-Proto")).isEqualTo("https");
  }

  @Test
  void servesHttpsOverTls13() throws Exception {
    HttpResponse<String> response = get("TLSv1.3", currentCertificate());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.sslSession().orElseThrow().getProtocol()).isEqualTo("TLSv1.3");
  }

  @Test
  void refusesTls11() throws Exception {
    // The JDK client will not speak TLS 1.1 any more, so the hello is written by hand.
    try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
      socket.setSoTimeout(5_000);
      OutputStream out = socket.getOutputStream();
      out.write(tls11ClientHello());
      out.flush();
      byte[] answer = readSome(socket.getInputStream());
      // Either an alert record (protocol_version or handshake_failure) or a bare close: never a ServerHello.
      if (answer.length > 0) {
        assertThat(answer[0]).as("record type").isEqualTo((byte) 0x15);
        assertThat(answer[answer.length - 1]).as("alert").isIn((byte) 70, (byte) 40);
      }
    }
  }

  @Test
  void appliesTheStrictHttp1ChecksOverTls() throws Exception {
    X509Certificate serving = currentCertificate();
    try (SSLSocket socket = (SSLSocket) trusting(serving).getSocketFactory().createSocket("127.0.0.1", gateway.port())) {
      socket.setSoTimeout(5_000);
      socket.getOutputStream().write("GET /tls HTTP/1.1\r\nHost: x\r\nX-A: 1\r\n 2\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      assertThat(answer).startsWith("HTTP/1.1 400").contains("application/problem+json").contains("obsolete line folding");
    }
  }

  @Test
  void closesATlsConnectionWhoseHeadTrickles() throws Exception {
    try (SSLSocket socket = (SSLSocket) trusting(currentCertificate()).getSocketFactory()
        .createSocket("127.0.0.1", gateway.port())) {
      socket.setSoTimeout(3_000);
      socket.startHandshake();
      boolean closed = false;
      for (int i = 0; i < 30 && !closed; i++) {
        try {
          socket.getOutputStream().write((i == 0 ? "GET /slow HTTP/1.1\r\n" : "X-" + i + ": 1\r\n")
              .getBytes(StandardCharsets.US_ASCII));
          socket.getOutputStream().flush();
          Thread.sleep(100);
        } catch (IOException e) {
          closed = true;
        }
      }
      if (!closed) {
        try {
          closed = socket.getInputStream().read() < 0;
        } catch (java.net.SocketTimeoutException e) {
          closed = false;
        } catch (IOException e) {
          closed = true;
        }
      }
      assertThat(closed).as("the gateway closed the trickling TLS connection").isTrue();
    }
  }

  @Test
  void servesAReplacedCertificateToNewConnectionsWithoutARestart() throws Exception {
    Certificates.Issued second = Certificates.selfSigned(dir.resolve("second"), "second.test");
    X509Certificate before = currentCertificate();
    replaceFiles(second);
    awaitServed(second.certificate().getSerialNumber());
    HttpResponse<String> response = get("TLSv1.3", second.certificate());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(before.getSerialNumber()).isNotEqualTo(second.certificate().getSerialNumber());
  }

  @Test
  void keepsServingTheCurrentCertificateWhenTheReplacementIsBroken() throws Exception {
    X509Certificate serving = currentCertificate();
    Files.writeString(certFile, "-----BEGIN CERTIFICATE-----\nnot a certificate\n-----END CERTIFICATE-----\n");
    Thread.sleep(700);
    assertThat(currentCertificate().getSerialNumber()).isEqualTo(serving.getSerialNumber());
    assertThat(get("TLSv1.3", serving).statusCode()).isEqualTo(200);

    // A new certificate next to the old key (a half-done replacement) is refused too.
    Certificates.Issued other = Certificates.selfSigned(dir.resolve("other"), "other.test");
    Files.copy(other.certificateFile(), certFile, StandardCopyOption.REPLACE_EXISTING);
    Thread.sleep(700);
    assertThat(currentCertificate().getSerialNumber()).isEqualTo(serving.getSerialNumber());

    // Once the pair is complete, it is taken.
    Files.copy(other.keyFile(), keyFile, StandardCopyOption.REPLACE_EXISTING);
    awaitServed(other.certificate().getSerialNumber());
  }

  private static void replaceFiles(Certificates.Issued issued) throws IOException {
    // Write the key first and the certificate last, as a careful operator would; the watcher may
    // still see one without the other, and must then wait for the pair.
    Files.copy(issued.keyFile(), keyFile, StandardCopyOption.REPLACE_EXISTING);
    Files.copy(issued.certificateFile(), certFile, StandardCopyOption.REPLACE_EXISTING);
  }

  private static void awaitServed(BigInteger serial) {
    TestUpstream.await(Duration.ofSeconds(5), () -> {
      try {
        return currentCertificate().getSerialNumber().equals(serial);
      } catch (Exception e) {
        return false;
      }
    }, "the new certificate to be served");
  }

  /** The certificate a new connection is shown, whatever it is. */
  static X509Certificate currentCertificate() throws Exception {
    AtomicReference<X509Certificate> seen = new AtomicReference<>();
    X509TrustManager anything = new X509TrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType) {
        seen.set(chain[0]);
      }

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    };
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {anything}, new SecureRandom());
    try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", gateway.port())) {
      socket.setSoTimeout(5_000);
      socket.startHandshake();
    }
    return seen.get();
  }

  private static byte[] readSome(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[1024];
    try {
      int n;
      while ((n = in.read(buf)) > 0) {
        out.write(buf, 0, n);
        if (out.size() >= 7) break;
      }
    } catch (IOException closed) {
      // a reset is a refusal too
    }
    return out.toByteArray();
  }

  /** A minimal TLS 1.1 ClientHello with ECDHE and RSA CBC suites. */
  private static byte[] tls11ClientHello() {
    ByteBuffer extensions = ByteBuffer.allocate(64);
    extensions.putShort((short) 0x000a).putShort((short) 6).putShort((short) 4).putShort((short) 0x0017)
        .putShort((short) 0x0018);
    extensions.putShort((short) 0x000b).putShort((short) 2).put((byte) 1).put((byte) 0);
    String host = "localhost";
    extensions.putShort((short) 0x0000).putShort((short) (host.length() + 5)).putShort((short) (host.length() + 3))
        .put((byte) 0).putShort((short) host.length()).put(host.getBytes(StandardCharsets.US_ASCII));
    extensions.flip();

    short[] suites = {(short) 0xc009, (short) 0xc013, (short) 0xc00a, (short) 0xc014, 0x002f, 0x0035};
    ByteBuffer body = ByteBuffer.allocate(256);
    body.put((byte) 3).put((byte) 2);
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    body.put(random).put((byte) 0);
    body.putShort((short) (suites.length * 2));
    for (short suite : suites) body.putShort(suite);
    body.put((byte) 1).put((byte) 0);
    body.putShort((short) extensions.remaining()).put(extensions);
    body.flip();

    ByteBuffer record = ByteBuffer.allocate(body.remaining() + 9);
    record.put((byte) 0x16).put((byte) 3).put((byte) 2).putShort((short) (body.remaining() + 4));
    record.put((byte) 1).put((byte) 0).putShort((short) body.remaining()).put(body);
    return record.array();
  }
}
