package dev.emporium.shipping.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.emporium.shipping.shipment.Address;
import dev.emporium.shipping.shipment.OrderItem;
import dev.emporium.shipping.shipment.PickLine;
import dev.emporium.shipping.shipment.Shipment;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A shipment as the API shows it; the times of steps not taken yet are left out. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShipmentResponse(String shipmentId, String orderId, String userId, String status, String carrier,
    String trackingNumber, Address destination, List<OrderItem> items, List<PickLine> lines, Instant createdAt,
    @Nullable Instant dispatchedAt, @Nullable Instant deliveredAt, @Nullable Instant cancelledAt,
    @Nullable String cancelReason) {

  static ShipmentResponse of(Shipment s) {
    return new ShipmentResponse(s.id().toString(), s.orderId(), s.userId(), s.status().name(), s.carrier(),
        s.trackingNumber(), s.destination(), s.items(), s.lines(), s.createdAt(), s.dispatchedAt(), s.deliveredAt(),
        s.cancelledAt(), s.cancelReason());
  }
}
