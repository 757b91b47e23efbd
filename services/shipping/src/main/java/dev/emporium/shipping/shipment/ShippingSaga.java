package dev.emporium.shipping.shipment;

import dev.emporium.shipping.ShippingProperties;
import dev.emporium.shipping.events.ShippingEvents;
import dev.emporium.shipping.persistence.ShipmentRepository;
import dev.emporium.shipping.persistence.ShippingOrderRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The shipping service's part of the order saga. The order and its reservation arrive on two
 * topics in either order; whichever comes second completes the picture and the shipment is decided
 * then: created (ShipmentCreated) or refused (ShipmentFailed). Each step is one transaction with
 * the inbox row of its event and the event it publishes (outbox), under the lock of the order's row,
 * so concurrent listeners of one order queue and an order is decided once.
 */
@Service
public class ShippingSaga {

  private static final Logger log = LoggerFactory.getLogger(ShippingSaga.class);

  private final ShippingOrderRepository orders;
  private final ShipmentRepository shipments;
  private final ShippingEvents events;
  private final ShippingProperties properties;
  private final Clock clock;

  @Autowired
  ShippingSaga(ShippingOrderRepository orders, ShipmentRepository shipments, ShippingEvents events,
      ShippingProperties properties) {
    this(orders, shipments, events, properties, Clock.systemUTC());
  }

  ShippingSaga(ShippingOrderRepository orders, ShipmentRepository shipments, ShippingEvents events,
      ShippingProperties properties, Clock clock) {
    this.orders = orders;
    this.shipments = shipments;
    this.events = events;
    this.properties = properties;
    this.clock = clock;
  }

  /** Keeps what OrderCreated says; ships if the reservation was already here. A repeated order changes nothing. */
  @Transactional
  public void orderCreated(String orderId, String userId, List<OrderItem> items, @Nullable Address address,
      Instant orderedAt) {
    Instant now = clock.instant();
    ShippingOrder order = orders.lock(orderId, now);
    if (order.ordered()) {
      log.info("order {} was received before; the repeated OrderCreated changes nothing", orderId);
      return;
    }
    orders.recordOrder(orderId, userId, items, address, orderedAt, now);
    proceed(order.withOrder(userId, items, address), now);
  }

  /** Keeps the reservation's lines; ships if the order was already here. A repeated reservation changes nothing. */
  @Transactional
  public void inventoryReserved(String orderId, List<PickLine> lines, Instant reservedAt) {
    Instant now = clock.instant();
    ShippingOrder order = orders.lock(orderId, now);
    if (order.reserved()) {
      log.info("order {} was reserved before; the repeated InventoryReserved changes nothing", orderId);
      return;
    }
    orders.recordReservation(orderId, lines, reservedAt, now);
    if (!order.ordered()) {
      log.info("order {} is reserved before its OrderCreated arrived; its shipment waits for it", orderId);
    }
    proceed(order.withLines(lines), now);
  }

  /**
   * Cancels the order's shipment if it is still in the warehouse (ShipmentCancelled). A shipment
   * already handed over to the carrier is not recalled. An order cancelled before its shipment was
   * decided is remembered, so that a late reservation ships nothing.
   */
  @Transactional
  public void orderCancelled(String orderId, String reason, Instant cancelledAt) {
    Instant now = clock.instant();
    ShippingOrder order = orders.lock(orderId, now);
    if (order.cancelled()) {
      log.info("order {} was cancelled before; the repeated OrderCancelled changes nothing", orderId);
      return;
    }
    orders.recordCancellation(orderId, reason, cancelledAt, now);
    switch (order.outcome()) {
      case PENDING -> {
        orders.setOutcome(orderId, OrderOutcome.CANCELLED, null, now);
        log.info("order {} is cancelled before its shipment; none will be made", orderId);
      }
      case SHIPPED -> {
        Shipment shipment = shipments.lockByOrder(orderId).orElseThrow();
        if (shipment.status().cancellable()) {
          Shipment cancelled = shipments.move(shipment.id(), ShipmentStatus.CANCELLED, reason, now);
          events.cancelled(cancelled, reason, now);
          log.info("shipment {} of cancelled order {} is cancelled", shipment.id(), orderId);
        } else {
          log.warn("order {} is cancelled but its shipment {} is {}: it is with the carrier and stays so",
              orderId, shipment.id(), shipment.status());
        }
      }
      case FAILED, CANCELLED -> log.info("order {} is cancelled; it has no shipment ({})", orderId, order.outcome());
    }
  }

  private void proceed(ShippingOrder order, Instant now) {
    switch (order.decide(properties::serves)) {
      case ShippingOrder.Decision.Wait wait -> { }
      case ShippingOrder.Decision.Ship ship -> ship(order, now);
      case ShippingOrder.Decision.Fail fail -> {
        orders.setOutcome(order.orderId(), OrderOutcome.FAILED, fail.reason().reason(), now);
        events.failed(order.orderId(), order.userId(), fail.reason(), fail.detail(), now);
        log.info("order {} cannot be shipped: {} ({})", order.orderId(), fail.reason().reason(), fail.detail());
      }
    }
  }

  private void ship(ShippingOrder order, Instant now) {
    Address destination = order.address();
    String tracking = TrackingNumbers.format(properties.trackingPrefix(), shipments.nextSerial());
    Shipment shipment = new Shipment(UUID.randomUUID(), order.orderId(), order.userId(), tracking,
        properties.carrierFor(destination.country()), ShipmentStatus.CREATED, destination, order.items(),
        order.lines(), now, now, null, null, null, null);
    shipments.insert(shipment);
    orders.setOutcome(order.orderId(), OrderOutcome.SHIPPED, null, now);
    events.created(shipment);
    log.info("order {} ships as {} with {} ({})", order.orderId(), shipment.id(), shipment.carrier(), tracking);
  }
}
