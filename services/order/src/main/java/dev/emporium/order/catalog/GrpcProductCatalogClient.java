package dev.emporium.order.catalog;

import dev.emporium.order.order.Money;
import dev.emporium.product.api.v1.GetProductsRequest;
import dev.emporium.product.api.v1.GetProductsResponse;
import dev.emporium.product.api.v1.ProductCatalogGrpc;
import dev.emporium.product.api.v1.ProductSummary;
import io.grpc.StatusRuntimeException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Looks products up with the product service's {@code ProductCatalog.GetProducts}: one call per
 * order, whatever its number of lines (an order holds at most 50, the API takes 100). Every call has
 * a deadline, so a slow product service costs an order at most that long, never a hung thread.
 */
public class GrpcProductCatalogClient implements ProductCatalogClient {

  private final ProductCatalogGrpc.ProductCatalogBlockingStub stub;
  private final Duration deadline;

  public GrpcProductCatalogClient(ProductCatalogGrpc.ProductCatalogBlockingStub stub, Duration deadline) {
    this.stub = stub;
    this.deadline = deadline;
  }

  @Override
  public Map<String, ProductSnapshot> findAll(Collection<String> ids) {
    GetProductsResponse response;
    try {
      response = stub.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
          .getProducts(GetProductsRequest.newBuilder().addAllIds(ids).build());
    } catch (StatusRuntimeException e) {
      throw new CatalogUnavailableException("product service: " + e.getStatus().getCode(), e);
    }
    Set<String> asked = Set.copyOf(ids);
    Map<String, ProductSnapshot> found = new HashMap<>();
    for (ProductSummary product : response.getProductsList()) {
      if (asked.contains(product.getId())) {
        found.put(product.getId(), snapshot(product));
      }
    }
    return found;
  }

  private static ProductSnapshot snapshot(ProductSummary product) {
    try {
      return new ProductSnapshot(product.getId(), product.getName(),
          new Money(new BigDecimal(product.getPrice()), product.getCurrency()), product.getActive());
    } catch (IllegalArgumentException e) {
      // A price the product service should never send: the catalogue cannot be trusted for this order.
      throw new CatalogUnavailableException("product service sent an unusable price for " + product.getId()
          + ": " + e.getMessage(), e);
    }
  }
}
