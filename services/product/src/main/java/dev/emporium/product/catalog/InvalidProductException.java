package dev.emporium.product.catalog;

/** A product that breaks a catalogue rule Bean Validation on the request cannot see. */
public class InvalidProductException extends RuntimeException {

  public InvalidProductException(String message) {
    super(message);
  }
}
