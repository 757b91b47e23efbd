package dev.emporium.cart.catalog;

import dev.emporium.cart.cart.Money;
import dev.emporium.product.api.v1.GetProductsRequest;
import dev.emporium.product.api.v1.GetProductsResponse;
import dev.emporium.product.api.v1.ProductCatalogGrpc;
import dev.emporium.product.api.v1.ProductSummary;
import io.grpc.StatusRuntimeException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Looks products up with the product service's {@code ProductCatalog.GetProducts}. Every call has a
 * deadline, so a slow product service costs a request at most that long, never a hung thread.
 */
public class GrpcProductCatalogClient implements ProductCatalogClient {

  private final ProductCatalogGrpc.ProductCatalogBlockingStub stub;
  private final Duration deadline;

  public GrpcProductCatalogClient(ProductCatalogGrpc.ProductCatalogBlockingStub stub, Duration deadline) {
    this.stub = stub;
    this.deadline = deadline;
  }

  @Override
  public Optional<ProductSnapshot> find(String productId) {
    GetProductsResponse response;
    try {
      response = stub.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
          .getProducts(GetProductsRequest.newBuilder().addIds(productId).build());
    } catch (StatusRuntimeException e) {
      throw new CatalogUnavailableException("product service: " + e.getStatus().getCode(), e);
    }
    return response.getProductsList().stream()
        .filter(product -> product.getId().equals(productId))
        .findFirst()
        .map(GrpcProductCatalogClient::snapshot);
  }

  private static ProductSnapshot snapshot(ProductSummary product) {
    return new ProductSnapshot(product.getId(), product.getName(),
        new Money(new BigDecimal(product.getPrice()), product.getCurrency()), product.getActive());
  }
}
