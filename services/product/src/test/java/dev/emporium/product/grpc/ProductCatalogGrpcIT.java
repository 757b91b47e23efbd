package dev.emporium.product.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.emporium.platform.service.identity.Caller;
import dev.emporium.platform.testing.InProcessKafka;
import dev.emporium.platform.testing.PostgresDatabases;
import dev.emporium.platform.testing.TestDatabase;
import dev.emporium.product.ProductTestSupport;
import dev.emporium.product.api.v1.GetProductsRequest;
import dev.emporium.product.api.v1.GetProductsResponse;
import dev.emporium.product.api.v1.ProductCatalogGrpc;
import dev.emporium.product.api.v1.ProductSummary;
import dev.emporium.product.catalog.Money;
import dev.emporium.product.catalog.Product;
import dev.emporium.product.catalog.ProductCatalog;
import dev.emporium.product.catalog.ProductDetails;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.grpc.server.GlobalServerInterceptor;
import org.springframework.grpc.server.lifecycle.GrpcServerStartedEvent;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Price checks as another service makes them: a real gRPC channel to the running server. */
@SpringBootTest
class ProductCatalogGrpcIT {

  static final TestDatabase db = PostgresDatabases.create(ProductCatalogGrpcIT.class);
  static final InProcessKafka kafka = InProcessKafka.shared();
  static final Caller ADMIN = Caller.of("admin-1", Caller.ADMIN);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    ProductTestSupport.register(registry, db, kafka, kafka.newTopic("product-events"));
  }

  @TestConfiguration
  static class GrpcTestSupport {
    final AtomicReference<Integer> port = new AtomicReference<>();
    final AtomicReference<String> traceIdSeenByServer = new AtomicReference<>();

    @Bean
    ApplicationListener<GrpcServerStartedEvent> grpcPort() {
      return event -> port.set(event.getPort());
    }

    /** Innermost interceptor: records the trace the call runs in, as the service code sees it. */
    @Bean
    @GlobalServerInterceptor
    @Order(Ordered.LOWEST_PRECEDENCE)
    ServerInterceptor traceRecorder(Tracer tracer) {
      return new ServerInterceptor() {
        @Override
        public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
          return new io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener<>(next.startCall(call, headers)) {
            @Override
            public void onHalfClose() {
              Span span = tracer.currentSpan();
              traceIdSeenByServer.set(span == null ? null : span.context().traceId());
              super.onHalfClose();
            }
          };
        }
      };
    }
  }

  @Autowired ProductCatalog catalog;
  @Autowired GrpcTestSupport support;
  ManagedChannel channel;
  ProductCatalogGrpc.ProductCatalogBlockingStub stub;

  @BeforeEach
  void connect() {
    channel = ManagedChannelBuilder.forAddress("127.0.0.1", support.port.get()).usePlaintext().build();
    stub = ProductCatalogGrpc.newBlockingStub(channel);
  }

  @AfterEach
  void disconnect() {
    channel.shutdownNow();
  }

  @Test
  void returnsNamePriceCurrencyAndAvailabilityOfKnownProductsAndLeavesOutTheRest() {
    Product lamp = catalog.create(ADMIN, details("Floor Lamp", "129.00", true));
    Product retired = catalog.create(ADMIN, details("Old Lamp", "5.00", false));

    GetProductsResponse response = stub.getProducts(GetProductsRequest.newBuilder()
        .addIds(lamp.id().toString()).addIds(retired.id().toString())
        .addIds(UUID.randomUUID().toString()).addIds("not-a-uuid").build());

    assertThat(response.getProductsList()).extracting(ProductSummary::getId)
        .containsExactlyInAnyOrder(lamp.id().toString(), retired.id().toString());
    ProductSummary found = response.getProductsList().stream()
        .filter(p -> p.getId().equals(lamp.id().toString())).findFirst().orElseThrow();
    assertThat(found.getName()).isEqualTo("Floor Lamp");
    assertThat(found.getPrice()).isEqualTo("129.00");
    assertThat(found.getCurrency()).isEqualTo("EUR");
    assertThat(found.getActive()).isTrue();
    assertThat(response.getProductsList().stream().filter(p -> p.getId().equals(retired.id().toString()))
        .findFirst().orElseThrow().getActive()).isFalse();
  }

  @Test
  void moreThanAHundredIdsIsAnInvalidArgument() {
    List<String> ids = IntStream.range(0, 101).mapToObj(i -> UUID.randomUUID().toString()).toList();

    assertThatThrownBy(() -> stub.getProducts(GetProductsRequest.newBuilder().addAllIds(ids).build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
  }

  @Test
  void callContinuesTheCallersTraceFromTheMetadata() {
    String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    Metadata metadata = new Metadata();
    metadata.put(Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER),
        "00-" + traceId + "-00f067aa0ba902b7-01");

    stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(metadata))
        .getProducts(GetProductsRequest.newBuilder().addIds(UUID.randomUUID().toString()).build());

    assertThat(support.traceIdSeenByServer.get()).isEqualTo(traceId);
  }

  private static ProductDetails details(String name, String price, boolean active) {
    return new ProductDetails(name, "", Money.of(price, "EUR"), "lighting", Map.of(), active);
  }
}
