package dev.emporium.product.grpc;

import dev.emporium.product.api.v1.GetProductsRequest;
import dev.emporium.product.api.v1.GetProductsResponse;
import dev.emporium.product.api.v1.ProductCatalogGrpc;
import dev.emporium.product.api.v1.ProductSummary;
import dev.emporium.product.catalog.Product;
import dev.emporium.product.catalog.ProductCatalog;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import org.springframework.grpc.server.service.GrpcService;

/**
 * Price and availability checks for other services (the order service before it accepts an order).
 * Spring gRPC serves it on {@code spring.grpc.server.port} and continues the caller's trace from the
 * {@code traceparent} metadata (its observation interceptor).
 */
@GrpcService
class ProductCatalogGrpcService extends ProductCatalogGrpc.ProductCatalogImplBase {

  static final int MAX_IDS = 100;

  private final ProductCatalog catalog;

  ProductCatalogGrpcService(ProductCatalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public void getProducts(GetProductsRequest request, StreamObserver<GetProductsResponse> response) {
    if (request.getIdsCount() > MAX_IDS) {
      response.onError(Status.INVALID_ARGUMENT.withDescription("at most " + MAX_IDS + " ids per call").asException());
      return;
    }
    Set<UUID> ids = new LinkedHashSet<>();
    for (String id : request.getIdsList()) {
      try {
        ids.add(UUID.fromString(id));
      } catch (IllegalArgumentException e) {
        // Not an id we could have issued: it names no product, and unknown ids are simply left out.
      }
    }
    GetProductsResponse.Builder answer = GetProductsResponse.newBuilder();
    for (Product product : catalog.find(ids)) {
      answer.addProducts(ProductSummary.newBuilder()
          .setId(product.id().toString())
          .setName(product.name())
          .setPrice(product.price().amount().toPlainString())
          .setCurrency(product.price().currency())
          .setActive(product.active()));
    }
    response.onNext(answer.build());
    response.onCompleted();
  }
}
