package dev.emporium.cart.api;

import dev.emporium.cart.cart.Carts;
import dev.emporium.platform.service.identity.Caller;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's own cart (identified by the gateway's {@code X-User-Id}; 401 without it). Answers are
 * private and never cached: a cart changes with every click.
 */
@RestController
@RequestMapping("/api/cart")
class CartController {

  private static final CacheControl NO_STORE = CacheControl.noStore();

  private final Carts carts;

  CartController(Carts carts) {
    this.carts = carts;
  }

  @GetMapping
  @Operation(summary = "The caller's cart (empty when there is none or it expired)")
  ResponseEntity<CartResponse> get(Caller caller) {
    return ok(HttpStatus.OK, CartResponse.of(carts.get(caller)));
  }

  @PostMapping("/items")
  @Operation(summary = "Add units of a product: 201 with a new line, 200 when the line existed")
  ResponseEntity<CartResponse> add(@Valid @RequestBody AddItemRequest request, Caller caller) {
    Carts.Added added = carts.add(caller, request.productId(), request.quantity());
    return ok(added.newLine() ? HttpStatus.CREATED : HttpStatus.OK, CartResponse.of(added.cart()));
  }

  @PatchMapping("/items/{productId}")
  @Operation(summary = "Set a line's quantity; 0 removes the line")
  ResponseEntity<CartResponse> setQuantity(@PathVariable String productId,
      @Valid @RequestBody ChangeQuantityRequest request, Caller caller) {
    return ok(HttpStatus.OK, CartResponse.of(carts.setQuantity(caller, productId, request.quantity())));
  }

  @DeleteMapping("/items/{productId}")
  @Operation(summary = "Remove a line")
  ResponseEntity<CartResponse> remove(@PathVariable String productId, Caller caller) {
    return ok(HttpStatus.OK, CartResponse.of(carts.remove(caller, productId)));
  }

  @DeleteMapping
  @Operation(summary = "Empty the cart")
  ResponseEntity<Void> clear(Caller caller) {
    carts.clear(caller);
    return ResponseEntity.noContent().build();
  }

  private static ResponseEntity<CartResponse> ok(HttpStatus status, CartResponse body) {
    return ResponseEntity.status(status).cacheControl(NO_STORE).body(body);
  }
}
