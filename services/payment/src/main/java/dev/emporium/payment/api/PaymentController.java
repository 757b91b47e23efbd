package dev.emporium.payment.api;

import dev.emporium.payment.payments.Payments;
import dev.emporium.platform.service.identity.Caller;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The payment of an order, for the user who placed it or an admin. Payments are made by events only. */
@RestController
@RequestMapping("/api/payments")
class PaymentController {

  private final Payments payments;

  PaymentController(Payments payments) {
    this.payments = payments;
  }

  @GetMapping("/{orderId}")
  @Operation(summary = "The payment of an order, with its timeline (owner or admin; 404 for anyone else)")
  ResponseEntity<PaymentResponse> get(@PathVariable String orderId, Caller caller) {
    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(PaymentResponse.of(payments.get(caller, orderId)));
  }
}
