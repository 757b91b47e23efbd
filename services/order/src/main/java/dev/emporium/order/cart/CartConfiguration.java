package dev.emporium.order.cart;

import dev.emporium.order.OrderProperties;
import io.micrometer.observation.ObservationRegistry;
import java.net.http.HttpClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * The HTTP client of the cart service: the JDK's client with the configured timeout for connecting
 * and for the answer, observed (so the trace continues into the cart service).
 */
@Configuration(proxyBeanMethods = false)
class CartConfiguration {

  @Bean
  CartClient cartClient(OrderProperties properties, ObjectProvider<ObservationRegistry> observations) {
    HttpClient jdk = HttpClient.newBuilder().connectTimeout(properties.cartTimeout()).build();
    JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(jdk);
    requests.setReadTimeout(properties.cartTimeout());
    RestClient http = RestClient.builder()
        .baseUrl(properties.cartUrl().toString())
        .requestFactory(requests)
        .observationRegistry(observations.getIfAvailable(() -> ObservationRegistry.NOOP))
        .build();
    return new HttpCartClient(http);
  }
}
