package dev.emporium.psp.charge;

/** A well-formed refund the charge cannot take: more than is left, or a charge that was declined. */
public class RefundRefusedException extends RuntimeException {

  public RefundRefusedException(String message) {
    super(message);
  }
}
