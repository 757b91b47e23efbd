package dev.emporium.shipping.api;

import dev.emporium.platform.service.identity.Caller;
import dev.emporium.platform.service.identity.RequireRole;
import dev.emporium.platform.service.problem.FieldViolation;
import dev.emporium.platform.service.problem.ProblemException;
import dev.emporium.platform.service.problem.ProblemType;
import dev.emporium.shipping.shipment.Shipments;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Shipments: their owner and admins read them; admins move them along (dispatched, delivered).
 * They are created and cancelled by the saga's events only.
 */
@RestController
@RequestMapping("/api/shipments")
class ShipmentController {

  static final int MAX_ORDER_ID_LENGTH = 100;

  private final Shipments shipments;

  ShipmentController(Shipments shipments) {
    this.shipments = shipments;
  }

  @GetMapping("/{id}")
  @Operation(summary = "A shipment (its owner or an admin; 404 for anybody else)")
  ShipmentResponse get(@PathVariable UUID id, Caller caller) {
    return ShipmentResponse.of(shipments.get(caller, id));
  }

  @GetMapping
  @Operation(summary = "The shipment of an order (its owner or an admin; 404 for anybody else or none yet)")
  ShipmentResponse ofOrder(@RequestParam(name = "orderId", required = false) @Nullable String orderId,
      Caller caller) {
    if (orderId == null || orderId.isBlank() || orderId.length() > MAX_ORDER_ID_LENGTH) {
      throw invalidParameter("orderId", "must be an order id of 1 to " + MAX_ORDER_ID_LENGTH + " characters",
          Map.of("min", 1, "max", MAX_ORDER_ID_LENGTH));
    }
    return ShipmentResponse.of(shipments.ofOrder(caller, orderId));
  }

  @PostMapping("/{id}/dispatch")
  @RequireRole(Caller.ADMIN)
  @Operation(summary = "The parcel was handed over to the carrier (admin): CREATED → DISPATCHED")
  ShipmentResponse dispatch(@PathVariable UUID id, Caller caller) {
    return ShipmentResponse.of(shipments.dispatch(caller, id));
  }

  @PostMapping("/{id}/deliver")
  @RequireRole(Caller.ADMIN)
  @Operation(summary = "The carrier delivered the parcel (admin): DISPATCHED → DELIVERED")
  ShipmentResponse deliver(@PathVariable UUID id, Caller caller) {
    return ShipmentResponse.of(shipments.deliver(caller, id));
  }

  /** A query parameter's problem, in the shape Bean Validation failures have ({@code errors: [{field, ...}]}). */
  static ProblemException invalidParameter(String field, String message, Map<String, Object> limits) {
    FieldViolation violation = new FieldViolation(field, message, "Size", limits);
    return new ProblemException(HttpStatus.BAD_REQUEST, ProblemType.VALIDATION, "1 field is invalid: " + field,
        Map.of("errors", List.of(violation)), HttpHeaders.EMPTY);
  }
}
