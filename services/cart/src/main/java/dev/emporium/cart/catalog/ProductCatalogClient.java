package dev.emporium.cart.catalog;

import java.util.Optional;

/**
 * The cart's view of the product service: what it needs to snapshot a product into a cart. The
 * implementation calls the product service's gRPC API ({@link GrpcProductCatalogClient}).
 */
public interface ProductCatalogClient {

  /**
   * @return the product, or empty when the catalogue has no product with this id
   * @throws CatalogUnavailableException when the product service does not answer in time or fails
   */
  Optional<ProductSnapshot> find(String productId);
}
