package dev.emporium.cart.catalog;

/** The product service could not answer (down, too slow, or failing): the cart cannot price a product. */
public class CatalogUnavailableException extends RuntimeException {

  public CatalogUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
