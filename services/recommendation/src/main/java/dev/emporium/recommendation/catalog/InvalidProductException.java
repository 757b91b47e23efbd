package dev.emporium.recommendation.catalog;

/** A product event whose content this service cannot keep (a missing name, a negative price...). */
public class InvalidProductException extends RuntimeException {

  public InvalidProductException(String message) {
    super(message);
  }
}
