package dev.emporium.order.api;

import dev.emporium.order.order.OrderPage;
import dev.emporium.order.order.OrderRules;
import dev.emporium.order.order.Orders;
import dev.emporium.order.order.Placed;
import dev.emporium.platform.service.identity.Caller;
import io.swagger.v3.oas.annotations.Operation;
import java.net.URI;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Orders of the caller (identified by the gateway's {@code X-User-Id}; 401 without it). */
@RestController
@RequestMapping("/api/orders")
class OrderController {

  static final String REPLAYED = "Idempotent-Replayed";
  private static final CacheControl NO_STORE = CacheControl.noStore();

  private final Orders orders;

  OrderController(Orders orders) {
    this.orders = orders;
  }

  @PostMapping
  @Operation(summary = "Place an order (201); the same Idempotency-Key answers the same order again")
  ResponseEntity<OrderResponse> place(@RequestHeader(name = OrderRules.IDEMPOTENCY_KEY, required = false) String key,
      @RequestBody PlaceOrderRequest request, Caller caller) {
    Placed placed = orders.place(caller, key, request.toCommand());
    OrderResponse body = OrderResponse.of(placed.order());
    return ResponseEntity.status(HttpStatus.CREATED).location(URI.create("/api/orders/" + body.id()))
        .cacheControl(NO_STORE).header(REPLAYED, Boolean.toString(placed.replayed())).body(body);
  }

  @GetMapping("/{id}")
  @Operation(summary = "One order with its timeline: the caller's own, or any for an admin")
  ResponseEntity<OrderResponse> get(@PathVariable String id, Caller caller) {
    return ResponseEntity.ok().cacheControl(NO_STORE).body(OrderResponse.of(orders.get(caller, id)));
  }

  @GetMapping
  @Operation(summary = "The caller's orders, newest first (admins may name another userId)")
  ResponseEntity<OrderPageResponse> list(@RequestParam(name = "limit", required = false) Integer limit,
      @RequestParam(name = "cursor", required = false) String cursor,
      @RequestParam(name = "userId", required = false) String userId, Caller caller) {
    OrderPage page = orders.list(caller, userId, limit, cursor);
    return ResponseEntity.ok().cacheControl(NO_STORE).body(new OrderPageResponse(
        page.orders().stream().map(OrderResponse::summary).toList(), page.nextCursor()));
  }
}
