package dev.emporium.psp.charge;

/** No charge has this id (or it was so old that the bounded ledger forgot it). */
public class UnknownChargeException extends RuntimeException {

  public UnknownChargeException(String chargeId) {
    super("charge " + chargeId);
  }
}
