package dev.emporium.psp.charge;

import dev.emporium.psp.PspProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * The processor's book of charges and refunds, in memory. It keeps at most
 * {@code emporium.psp.max-charges} charges; past that the oldest is forgotten (its id then answers
 * 404), which bounds memory at roughly a kilobyte per charge. One lock guards it: every operation
 * is a few map lookups, far shorter than the simulated latency around it.
 */
@Service
public class ChargeLedger {

  private static final SecureRandom IDS = new SecureRandom();

  private final Map<String, Charge> charges;
  private final Clock clock = Clock.systemUTC();
  private final Counter succeeded;
  private final Counter declined;
  private final Counter refunds;

  public ChargeLedger(PspProperties properties, MeterRegistry meters) {
    int max = properties.maxCharges();
    this.charges = new LinkedHashMap<>(16, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Charge> eldest) {
        return size() > max;
      }
    };
    this.succeeded = outcome(meters, "succeeded");
    this.declined = outcome(meters, "declined");
    this.refunds = Counter.builder("psp.refunds").description("Refunds accepted").register(meters);
    Gauge.builder("psp.charges.stored", this, ChargeLedger::size)
        .description("Charges kept in memory (bounded by emporium.psp.max-charges)").register(meters);
  }

  private static Counter outcome(MeterRegistry meters, String outcome) {
    return Counter.builder("psp.charges").description("Charges processed, by outcome (replays not counted)")
        .tag("outcome", outcome).register(meters);
  }

  /** Approves or declines the charge by its payment method; a method it does not know is rejected. */
  public Charge charge(ChargeCommand command) {
    PaymentMethod method = PaymentMethod.of(command.paymentMethod()).orElseThrow(
        () -> new InvalidChargeException("paymentMethod", "is not a payment method this processor knows (tok_visa, tok_chargeDeclined)"));
    String declineCode = method.declineCode();
    Charge charge = new Charge(newId("ch_"), declineCode == null ? Charge.Status.SUCCEEDED : Charge.Status.FAILED,
        command.amount(), Money.zero(command.amount().currency()), method.token(), command.orderId(),
        command.description(), declineCode, now());
    synchronized (charges) {
      charges.put(charge.id(), charge);
    }
    (declineCode == null ? succeeded : declined).increment();
    return charge;
  }

  public Charge get(String id) {
    synchronized (charges) {
      Charge charge = charges.get(id);
      if (charge == null) {
        throw new UnknownChargeException(id);
      }
      return charge;
    }
  }

  /**
   * Refunds {@code amount} of a charge, or all that is left of it when {@code amount} is null.
   * Refunding more than is left, or anything of a declined charge, is refused.
   */
  public Refund refund(String chargeId, @Nullable Money amount) {
    Refund refund;
    synchronized (charges) {
      Charge charge = get(chargeId);
      if (charge.status() != Charge.Status.SUCCEEDED) {
        throw new RefundRefusedException("charge " + chargeId + " was declined: nothing to refund");
      }
      Money left = charge.refundable();
      Money requested = amount == null ? left : amount;
      if (!requested.currency().equals(left.currency())) {
        throw new InvalidChargeException("amount.currency", "must be the charge's currency, " + left.currency());
      }
      if (requested.exceeds(left)) {
        throw new RefundRefusedException("refund of " + requested.text() + " " + requested.currency()
            + " exceeds what is left of charge " + chargeId + ": " + left.text() + " " + left.currency());
      }
      if (requested.amount().signum() == 0) {
        throw new RefundRefusedException("charge " + chargeId + " is already fully refunded");
      }
      charges.put(chargeId, charge.withRefund(requested));
      refund = new Refund(newId("re_"), chargeId, requested, now());
    }
    refunds.increment();
    return refund;
  }

  int size() {
    synchronized (charges) {
      return charges.size();
    }
  }

  private Instant now() {
    return clock.instant();
  }

  private static String newId(String prefix) {
    byte[] bytes = new byte[12];
    IDS.nextBytes(bytes);
    return prefix + HexFormat.of().formatHex(bytes);
  }
}
