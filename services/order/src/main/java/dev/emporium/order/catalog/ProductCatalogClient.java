package dev.emporium.order.catalog;

import java.util.Collection;
import java.util.Map;

/**
 * The order service's view of the product service: names, prices and availability of the products
 * an order asks for. The implementation calls the product service's gRPC API
 * ({@link GrpcProductCatalogClient}).
 */
public interface ProductCatalogClient {

  /**
   * Looks all {@code ids} up in one call.
   *
   * @return the products the catalogue knows, by id; unknown ids are missing from the map
   * @throws CatalogUnavailableException when the product service does not answer in time or fails
   */
  Map<String, ProductSnapshot> findAll(Collection<String> ids);
}
