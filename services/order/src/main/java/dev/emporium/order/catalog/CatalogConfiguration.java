package dev.emporium.order.catalog;

import dev.emporium.order.OrderProperties;
import dev.emporium.product.api.v1.ProductCatalogGrpc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.grpc.client.GrpcChannelFactory;

/**
 * The channel to the product service comes from Spring gRPC (target in
 * {@code spring.grpc.client.channel.product.target}), which adds its trace-propagating interceptors.
 */
@Configuration(proxyBeanMethods = false)
class CatalogConfiguration {

  @Bean
  ProductCatalogClient productCatalogClient(GrpcChannelFactory channels, OrderProperties properties) {
    var stub = ProductCatalogGrpc.newBlockingStub(channels.createChannel(properties.catalog().channel()));
    return new GrpcProductCatalogClient(stub, properties.catalog().deadline());
  }
}
