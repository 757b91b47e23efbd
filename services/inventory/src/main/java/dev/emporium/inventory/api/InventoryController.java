package dev.emporium.inventory.api;

import dev.emporium.inventory.stock.Inventory;
import dev.emporium.platform.service.identity.Caller;
import dev.emporium.platform.service.identity.RequireRole;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The admins' inventory API: restock, and read a product's stock. Reservations come from events only. */
@RestController
@RequestMapping("/api/inventory")
@RequireRole(Caller.ADMIN)
class InventoryController {

  private final Inventory inventory;

  InventoryController(Inventory inventory) {
    this.inventory = inventory;
  }

  @PostMapping("/restock")
  @Operation(summary = "Add units of a product to a warehouse (admin); answers the product's stock")
  StockResponse restock(@Valid @RequestBody RestockRequest request, Caller caller) {
    inventory.restock(caller, request.productId(), request.warehouse(), request.quantity());
    return StockResponse.of(inventory.levels(caller, request.productId()));
  }

  @GetMapping("/{productId}")
  @Operation(summary = "A product's stock per warehouse: on hand, reserved, available (admin)")
  StockResponse get(@PathVariable UUID productId, Caller caller) {
    return StockResponse.of(inventory.levels(caller, productId));
  }
}
