package dev.emporium.inventory.stock;

import dev.emporium.inventory.InventoryProperties;
import dev.emporium.inventory.events.InventoryEvents;
import dev.emporium.inventory.persistence.ReservationRepository;
import dev.emporium.inventory.persistence.StockRepository;
import dev.emporium.platform.service.identity.Access;
import dev.emporium.platform.service.identity.Caller;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The inventory's use cases. Each is one transaction holding the stock change, the reservation and
 * its event (outbox): either all are stored or none is.
 *
 * <p>Why row locks rather than atomic conditional updates ({@code UPDATE ... WHERE on_hand - reserved
 * >= n}): an order is all or none over several products, possibly split across warehouses, and
 * when it falls short the service must still commit an event naming every short product with its
 * available quantity. With conditional updates the lines already taken would have to be undone
 * (savepoints) and the shortages read afterwards, when they may have changed. Locking the order's
 * stock rows first ({@code SELECT ... FOR UPDATE}, always in product-then-warehouse order so that
 * concurrent orders queue instead of deadlocking) makes the decision on a stable picture, and the
 * writes that follow cannot fail. The locks are held for one short transaction; orders of
 * different products never wait for each other.
 */
@Service
public class Inventory {

  private static final Logger log = LoggerFactory.getLogger(Inventory.class);
  /** InventoryReleased carries the cancellation's reason up to this length (its schema's limit). */
  static final int MAX_REASON_LENGTH = 500;

  private final StockRepository stock;
  private final ReservationRepository reservations;
  private final InventoryEvents events;
  private final InventoryProperties properties;
  private final Clock clock;

  @Autowired
  Inventory(StockRepository stock, ReservationRepository reservations, InventoryEvents events,
      InventoryProperties properties) {
    this(stock, reservations, events, properties, Clock.systemUTC());
  }

  Inventory(StockRepository stock, ReservationRepository reservations, InventoryEvents events,
      InventoryProperties properties, Clock clock) {
    this.stock = stock;
    this.reservations = reservations;
    this.events = events;
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * Reserves every line of a paid order, or none, and publishes InventoryReserved or
   * InventoryInsufficient. An order is decided once: a second call for it does nothing.
   *
   * @throws InvalidReservationException when the order breaks the configured limits
   */
  @Transactional
  public ReservationOutcome reserve(ReserveStock command) {
    command.requireWithin(properties.maxOrderLines(), properties.maxLineQuantity());
    Instant now = clock.instant();
    if (!reservations.claim(command.orderId(), ReservationState.RESERVED, now)) {
      ReservationState state = reservations.state(command.orderId()).orElseThrow();
      log.info("order {} was already decided ({}); its reservation is left as it is", command.orderId(), state);
      return new ReservationOutcome.AlreadyDecided(state);
    }
    List<UUID> products = command.lines().stream().map(OrderLine::productId).sorted().toList();
    Allocation allocation = Allocation.of(command.lines(), stock.lockProducts(products));
    return switch (allocation) {
      case Allocation.Reserved reserved -> {
        for (ReservedLine line : reserved.lines()) {
          stock.reserve(line.productId(), line.warehouse(), line.quantity(), now);
        }
        reservations.insertLines(command.orderId(), reserved.lines());
        events.reserved(command.orderId(), reserved.lines(), now);
        yield new ReservationOutcome.Reserved(reserved.lines());
      }
      case Allocation.Insufficient insufficient -> {
        reservations.setState(command.orderId(), ReservationState.INSUFFICIENT, now);
        events.insufficient(command.orderId(), insufficient.shortages(), now);
        yield new ReservationOutcome.Insufficient(insufficient.shortages());
      }
    };
  }

  /**
   * Releases the reservation of a cancelled order and publishes InventoryReleased. Releasing an
   * order that holds nothing (unknown, short, already released) does nothing; an unknown order is
   * remembered as released, so that a payment arriving after its cancellation reserves nothing.
   *
   * @return whether stock was released
   */
  @Transactional
  public boolean release(String orderId, String reason) {
    Instant now = clock.instant();
    Optional<ReservationState> state = reservations.lockState(orderId);
    if (state.isEmpty()) {
      if (reservations.claim(orderId, ReservationState.RELEASED, now)) {
        log.info("order {} was cancelled before any reservation; a later payment will reserve nothing", orderId);
        return false;
      }
      state = reservations.lockState(orderId); // a reservation committed meanwhile: release it
    }
    if (state.orElseThrow() != ReservationState.RESERVED) {
      log.info("order {} holds no reservation ({}); nothing to release", orderId, state.get());
      return false;
    }
    List<ReservedLine> lines = reservations.lines(orderId);
    stock.lockProducts(lines.stream().map(ReservedLine::productId).distinct().sorted().toList());
    for (ReservedLine line : lines) {
      stock.unreserve(line.productId(), line.warehouse(), line.quantity(), now);
    }
    reservations.setState(orderId, ReservationState.RELEASED, now);
    events.released(orderId, lines,
        reason.length() > MAX_REASON_LENGTH ? reason.substring(0, MAX_REASON_LENGTH) : reason, now);
    return true;
  }

  /**
   * Adds units to a product's stock in a warehouse (admin).
   *
   * @throws QuantityOutOfRangeException when {@code quantity} is outside 1..max-restock-quantity
   */
  @Transactional
  public Stock restock(Caller caller, UUID productId, String warehouse, int quantity) {
    Access.requireAdmin(caller);
    if (quantity < 1 || quantity > properties.maxRestockQuantity()) {
      throw new QuantityOutOfRangeException("quantity", 1, properties.maxRestockQuantity());
    }
    Stock restocked = stock.restock(productId, warehouse, quantity, clock.instant());
    log.info("restocked {} of {} in {}: {} on hand", quantity, productId, warehouse, restocked.onHand());
    return restocked;
  }

  /** A product's stock per warehouse (admin); none for a product never stocked. */
  @Transactional(readOnly = true)
  public StockLevels levels(Caller caller, UUID productId) {
    Access.requireAdmin(caller);
    return new StockLevels(productId, stock.findByProduct(productId));
  }
}
