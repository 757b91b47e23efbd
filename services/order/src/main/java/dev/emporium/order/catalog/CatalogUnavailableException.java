package dev.emporium.order.catalog;

/** The product service could not answer (down, too slow, or failing): orders cannot be priced. */
public class CatalogUnavailableException extends RuntimeException {

  public CatalogUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
