package dev.emporium.recommendation.purchases;

/** A completed order this service cannot count (no items, a product id that is not a UUID...). */
public class InvalidOrderException extends RuntimeException {

  public InvalidOrderException(String message) {
    super(message);
  }
}
