package dev.emporium.shipping.shipment;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One order's parcel: where it goes, with which carrier under which tracking number, and where it is. */
public record Shipment(UUID id, String orderId, String userId, String trackingNumber, String carrier,
    ShipmentStatus status, Address destination, List<OrderItem> items, List<PickLine> lines, Instant createdAt,
    Instant updatedAt, @Nullable Instant dispatchedAt, @Nullable Instant deliveredAt, @Nullable Instant cancelledAt,
    @Nullable String cancelReason) {}
