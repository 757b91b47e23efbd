package dev.emporium.notification.delivery;

import java.net.http.HttpClient;
import java.time.Duration;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;

/** The HTTP clients of the service's outbound calls: the JDK's, with both timeouts set, on HTTP/1.1. */
public final class HttpClients {

  private HttpClients() {}

  public static ClientHttpRequestFactory requestFactory(Duration connectTimeout, Duration readTimeout) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(connectTimeout).version(HttpClient.Version.HTTP_1_1)
        .build();
    JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(client);
    factory.setReadTimeout(readTimeout);
    return factory;
  }
}
