package dev.emporium.product.catalog;

import dev.emporium.platform.service.identity.Access;
import dev.emporium.platform.service.identity.Caller;
import dev.emporium.platform.service.problem.ProblemException;
import dev.emporium.product.events.ProductEvents;
import dev.emporium.product.persistence.ProductRepository;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The catalogue's use cases. Each change is one transaction holding the new state and its event
 * (outbox): either both are stored or neither is.
 */
@Service
public class ProductCatalog {

  private final ProductRepository products;
  private final ProductEvents events;
  private final Clock clock;

  @Autowired
  ProductCatalog(ProductRepository products, ProductEvents events) {
    this(products, events, Clock.systemUTC());
  }

  ProductCatalog(ProductRepository products, ProductEvents events, Clock clock) {
    this.products = products;
    this.events = events;
    this.clock = clock;
  }

  @Transactional
  public Product create(Caller caller, ProductDetails details) {
    Access.requireAdmin(caller);
    Product product = Product.create(details, clock.instant());
    products.insert(product);
    events.created(product);
    return product;
  }

  /**
   * Replaces the details of a product.
   *
   * @param expectedVersion the version the admin edited (from {@code If-Match}), or null to overwrite
   */
  @Transactional
  public Product update(Caller caller, UUID id, ProductDetails details, @Nullable Long expectedVersion) {
    Access.requireAdmin(caller);
    Product current = products.findByIdForUpdate(id).orElseThrow(() -> notFound(id));
    if (expectedVersion != null && !current.isVersion(expectedVersion)) {
      throw ProblemException.preconditionFailed("product " + id + " is at version " + current.version()
          + ", not " + expectedVersion + ": reload it and apply your change again");
    }
    Product updated = current.update(details, clock.instant());
    if (updated != current) {
      if (!products.update(updated)) {
        throw ProblemException.conflict("product " + id + " changed meanwhile; try again");
      }
      events.updated(updated);
    }
    return updated;
  }

  @Transactional(readOnly = true)
  public Product get(UUID id) {
    return products.findById(id).orElseThrow(() -> notFound(id));
  }

  /** The products among {@code ids} that exist, active or not (price checks decide what inactive means). */
  @Transactional(readOnly = true)
  public List<Product> find(Collection<UUID> ids) {
    return products.findByIds(ids);
  }

  private static ProblemException notFound(UUID id) {
    return ProblemException.notFound("product " + id);
  }
}
