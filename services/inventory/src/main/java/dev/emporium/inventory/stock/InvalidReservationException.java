package dev.emporium.inventory.stock;

/** A reservation request that breaks a rule (no lines, too many, a bad quantity): retrying cannot help. */
public class InvalidReservationException extends RuntimeException {

  public InvalidReservationException(String message) {
    super(message);
  }
}
