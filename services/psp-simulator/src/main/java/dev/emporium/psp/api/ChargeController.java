package dev.emporium.psp.api;

import dev.emporium.psp.PspProperties;
import dev.emporium.psp.charge.Charge;
import dev.emporium.psp.charge.ChargeLedger;
import dev.emporium.psp.charge.Refund;
import dev.emporium.psp.idempotency.IdempotencyStore;
import dev.emporium.psp.idempotency.StoredResponse;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import java.math.BigDecimal;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The processor's API as the payment service calls it. Every POST needs an {@code Idempotency-Key};
 * a retry with the same key and body gets the first answer again, marked
 * {@code Idempotent-Replayed: true}. Latency and injected failures are applied before any of this
 * ({@link FaultInjection}).
 */
@RestController
@RequestMapping("/v1")
class ChargeController {

  private final ChargeLedger ledger;
  private final IdempotencyKeys keys;
  private final BigDecimal maxAmount;

  ChargeController(ChargeLedger ledger, IdempotencyStore store, PspProperties properties) {
    this.ledger = ledger;
    this.keys = new IdempotencyKeys(store, properties.idempotency().maxKeyLength());
    this.maxAmount = properties.maxAmount();
  }

  @PostMapping("/charges")
  @Operation(summary = "Charge a payment method: 201 when approved, 402 when declined")
  ResponseEntity<Object> charge(@RequestHeader(name = IdempotencyKeys.HEADER, required = false) String key,
      @Valid @RequestBody ChargeRequest request) {
    return keys.answer(key, request, () -> {
      Charge charge = ledger.charge(request.toCommand(maxAmount));
      HttpStatus status = charge.status() == Charge.Status.SUCCEEDED ? HttpStatus.CREATED : HttpStatus.PAYMENT_REQUIRED;
      return new StoredResponse(status.value(), ChargeResponse.of(charge), "/v1/charges/" + charge.id());
    });
  }

  @GetMapping("/charges/{id}")
  @Operation(summary = "One charge, with what has been refunded of it")
  ChargeResponse get(@PathVariable String id) {
    return ChargeResponse.of(ledger.get(id));
  }

  @PostMapping("/refunds")
  @Operation(summary = "Refund all or part of a charge: 404 for an unknown charge, 422 beyond what is left")
  ResponseEntity<Object> refund(@RequestHeader(name = IdempotencyKeys.HEADER, required = false) String key,
      @Valid @RequestBody RefundRequest request) {
    return keys.answer(key, request, () -> {
      Refund refund = ledger.refund(request.chargeId(),
          request.amount() == null ? null : request.amount().toMoney(maxAmount, "amount"));
      return new StoredResponse(HttpStatus.CREATED.value(), RefundResponse.of(refund), null);
    });
  }
}
