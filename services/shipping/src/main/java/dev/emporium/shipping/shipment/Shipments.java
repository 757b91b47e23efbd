package dev.emporium.shipping.shipment;

import dev.emporium.platform.service.identity.Access;
import dev.emporium.platform.service.identity.Caller;
import dev.emporium.platform.service.problem.ProblemException;
import dev.emporium.shipping.events.ShippingEvents;
import dev.emporium.shipping.persistence.ShipmentRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The shipments as the API shows them: to their owner and to admins (anybody else is told they do
 * not exist), and the admins' moves along the way (dispatched to the carrier, delivered).
 */
@Service
public class Shipments {

  private final ShipmentRepository shipments;
  private final ShippingEvents events;
  private final Clock clock;

  @Autowired
  Shipments(ShipmentRepository shipments, ShippingEvents events) {
    this(shipments, events, Clock.systemUTC());
  }

  Shipments(ShipmentRepository shipments, ShippingEvents events, Clock clock) {
    this.shipments = shipments;
    this.events = events;
    this.clock = clock;
  }

  @Transactional(readOnly = true)
  public Shipment get(Caller caller, UUID id) {
    return visible(caller, shipments.find(id), "shipment " + id);
  }

  @Transactional(readOnly = true)
  public Shipment ofOrder(Caller caller, String orderId) {
    return visible(caller, shipments.findByOrder(orderId), "the shipment of order " + orderId);
  }

  /** Hands the parcel over to the carrier (admin): CREATED → DISPATCHED, publishing ShipmentDispatched. */
  @Transactional
  public Shipment dispatch(Caller caller, UUID id) {
    return move(caller, id, ShipmentStatus.DISPATCHED);
  }

  /** The carrier delivered it (admin): DISPATCHED → DELIVERED, publishing ShipmentDelivered. */
  @Transactional
  public Shipment deliver(Caller caller, UUID id) {
    return move(caller, id, ShipmentStatus.DELIVERED);
  }

  /** Moving to the status it is in already answers it unchanged, so that an admin's retry is harmless. */
  private Shipment move(Caller caller, UUID id, ShipmentStatus target) {
    Access.requireAdmin(caller);
    Shipment shipment = shipments.lock(id).orElseThrow(() -> ProblemException.notFound("shipment " + id));
    if (shipment.status() == target) {
      return shipment;
    }
    ShipmentStatus from = ShipmentStatus.before(target);
    if (shipment.status() != from) {
      throw ProblemException.conflict("shipment " + id + " is " + shipment.status() + "; only a " + from
          + " shipment can become " + target);
    }
    Instant now = clock.instant();
    Shipment moved = shipments.move(id, target, null, now);
    if (target == ShipmentStatus.DISPATCHED) {
      events.dispatched(moved, now);
    } else {
      events.delivered(moved, now);
    }
    return moved;
  }

  private static Shipment visible(Caller caller, Optional<Shipment> found, String what) {
    Access.requireAuthenticated(caller);
    Shipment shipment = found.orElseThrow(() -> ProblemException.notFound(what));
    Access.requireOwnerOrAdmin(caller, shipment.userId(), what);
    return shipment;
  }
}
