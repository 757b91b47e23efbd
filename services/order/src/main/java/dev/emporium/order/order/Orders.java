package dev.emporium.order.order;

import dev.emporium.order.OrderProperties;
import dev.emporium.order.cart.CartClient;
import dev.emporium.order.catalog.ProductCatalogClient;
import dev.emporium.order.catalog.ProductSnapshot;
import dev.emporium.order.events.OrderEvents;
import dev.emporium.order.order.OrderRules.Requested;
import dev.emporium.order.persistence.OrderRepository;
import dev.emporium.order.persistence.OrderRepository.KeyUse;
import dev.emporium.platform.service.identity.Access;
import dev.emporium.platform.service.identity.Caller;
import dev.emporium.platform.service.problem.ProblemException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Placing and reading orders.
 *
 * <p>Placing costs one gRPC call (all prices at once) and one short transaction: the order, its
 * first timeline entry and OrderCreated (outbox) are inserted together, the order under the caller's
 * idempotency key. The key is not looked up first: the insert itself finds a key already used
 * ({@code ON CONFLICT DO NOTHING}, which also makes a concurrent twin wait for the first and then
 * see it), and only then is the earlier request compared and answered again. When pricing fails
 * (a product withdrawn since, the catalogue down, the cart emptied by the order itself) the key is
 * checked before the error is reported, so a retry of a placed order always gets its order back.
 */
@Service
public class Orders {

  private final OrderRepository orders;
  private final OrderEvents events;
  private final ProductCatalogClient catalog;
  private final CartClient carts;
  private final OrderRules rules;
  private final OrderProperties.PageSize pageSize;
  private final TransactionTemplate transactions;
  private final JsonMapper json;
  private final Counter placed;
  private final Clock clock;

  @Autowired
  Orders(OrderRepository orders, OrderEvents events, ProductCatalogClient catalog, CartClient carts,
      OrderProperties properties, TransactionTemplate transactions, JsonMapper json, MeterRegistry meters) {
    this(orders, events, catalog, carts, properties, transactions, json, meters, Clock.systemUTC());
  }

  Orders(OrderRepository orders, OrderEvents events, ProductCatalogClient catalog, CartClient carts,
      OrderProperties properties, TransactionTemplate transactions, JsonMapper json, MeterRegistry meters,
      Clock clock) {
    this.orders = orders;
    this.events = events;
    this.catalog = catalog;
    this.carts = carts;
    this.rules = new OrderRules(properties.limits());
    this.pageSize = properties.pageSize();
    this.transactions = transactions;
    this.json = json;
    // emporium_order_placed_total: the saga dashboard's intake, beside the saga's own meters.
    this.placed = Counter.builder("emporium.order.placed").description("Orders placed (their OrderCreated written)")
        .register(meters);
    this.clock = clock;
  }

  /**
   * Places an order, or answers again the order an earlier request with the same key placed.
   *
   * @throws InvalidOrderException when the request breaks a rule (400)
   * @throws UnorderableException when it names products that cannot be sold, or an empty cart (422)
   * @throws IdempotencyConflictException when the key was used for another request (422)
   * @throws dev.emporium.order.catalog.CatalogUnavailableException when prices cannot be checked (503)
   * @throws dev.emporium.order.cart.CartUnavailableException when the cart cannot be read (503)
   */
  public Placed place(Caller caller, @Nullable String idempotencyKey, PlaceOrder request) {
    Access.requireAuthenticated(caller);
    rules.requireUserId(caller.userId());
    rules.requireIdempotencyKey(idempotencyKey);
    rules.check(request);
    String userId = caller.userId();
    String hash = fingerprint(request);
    Order order;
    try {
      List<Requested> wanted = request.isFromCart()
          ? rules.fromCart(carts.lines(userId).stream()
              .map(l -> new Requested(l.productId() == null ? null : l.productId().toLowerCase(Locale.ROOT), l.quantity()))
              .toList())
          : OrderRules.merged(request.items());
      order = Order.place(UUID.randomUUID(), userId, priced(wanted, request.isFromCart()), address(request),
          request.paymentMethod(), request.isFromCart(), clock.instant().truncatedTo(ChronoUnit.MICROS));
    } catch (RuntimeException pricingFailed) {
      Optional<Placed> earlier = earlier(userId, idempotencyKey, hash);
      if (earlier.isPresent()) {
        return earlier.get();
      }
      throw pricingFailed;
    }
    Boolean inserted = transactions.execute(status -> {
      if (!orders.insert(order, idempotencyKey, hash)) {
        return false;
      }
      orders.addTimeline(order.id(), List.of(order.createdEntry()));
      events.created(order);
      return true;
    });
    if (Boolean.TRUE.equals(inserted)) {
      placed.increment();
      return new Placed(OrderDetails.asCreated(order), false);
    }
    return earlier(userId, idempotencyKey, hash).orElseThrow(() -> new IllegalStateException(
        "idempotency key of user " + userId + " was taken, then not found"));
  }

  /** An order the caller (or an admin) may see, with its timeline; 404 for anyone else. */
  public OrderDetails get(Caller caller, String id) {
    Access.requireAuthenticated(caller);
    UUID orderId = parseId(id).orElseThrow(() -> ProblemException.notFound("order " + id));
    Order order = orders.find(orderId).orElseThrow(() -> ProblemException.notFound("order " + id));
    Access.requireOwnerOrAdmin(caller, order.userId(), "order " + id);
    return new OrderDetails(order, orders.timeline(orderId));
  }

  /**
   * A page of orders, newest first: the caller's own, or, for an admin, those of {@code userId}.
   *
   * @throws InvalidOrderException for a limit out of range or a foreign cursor
   */
  public OrderPage list(Caller caller, @Nullable String userId, @Nullable Integer limit, @Nullable String cursor) {
    Access.requireAuthenticated(caller);
    String owner = caller.userId();
    if (userId != null && !userId.isBlank() && !caller.is(userId)) {
      Access.requireAdmin(caller);
      owner = userId;
    }
    int size = limit == null ? pageSize.defaultLimit() : limit;
    if (size < 1 || size > pageSize.maxLimit()) {
      throw new InvalidOrderException(List.of(new Violation("limit", "must be between 1 and " + pageSize.maxLimit(),
          "Range", Map.of("min", 1, "max", pageSize.maxLimit()))));
    }
    PageCursor after = cursor == null || cursor.isBlank() ? null : PageCursor.decode(cursor, owner);
    List<Order> found = orders.page(owner, after == null ? null : after.createdAt(), after == null ? null : after.id(),
        size + 1);
    if (found.size() <= size) {
      return new OrderPage(found, null);
    }
    List<Order> page = found.subList(0, size);
    Order last = page.getLast();
    return new OrderPage(page, new PageCursor(owner, last.createdAt(), last.id()).encode());
  }

  private Optional<Placed> earlier(String userId, String key, String hash) {
    Optional<KeyUse> use = orders.keyUse(userId, key);
    if (use.isEmpty()) {
      return Optional.empty();
    }
    if (!use.get().requestHash().equals(hash)) {
      throw new IdempotencyConflictException(key);
    }
    Order order = orders.find(use.get().orderId()).orElseThrow();
    return Optional.of(new Placed(OrderDetails.asCreated(order), true));
  }

  /** The lines at the catalogue's names and prices; every product that cannot be sold is named. */
  private List<OrderLine> priced(List<Requested> wanted, boolean fromCart) {
    Map<String, ProductSnapshot> products = catalog.findAll(wanted.stream().map(Requested::productId).toList());
    List<OrderLine> lines = new ArrayList<>();
    List<Violation> unsellable = new ArrayList<>();
    for (int i = 0; i < wanted.size(); i++) {
      Requested line = wanted.get(i);
      ProductSnapshot product = products.get(line.productId());
      String field = fromCart ? "fromCart" : "items[" + i + "].productId";
      if (product == null) {
        unsellable.add(new Violation(field, "product " + line.productId() + " does not exist", "Product", Map.of()));
      } else if (!product.active()) {
        unsellable.add(new Violation(field, "product " + line.productId() + " is no longer for sale", "Product",
            Map.of()));
      } else {
        lines.add(new OrderLine(product.id(), product.name(), line.quantity(), product.price()));
      }
    }
    if (!unsellable.isEmpty()) {
      throw new UnorderableException(String.join("; ", unsellable.stream().map(Violation::message).toList()),
          unsellable);
    }
    requireOneCurrency(lines, fromCart);
    return List.copyOf(lines);
  }

  private static void requireOneCurrency(List<OrderLine> lines, boolean fromCart) {
    List<String> currencies = lines.stream().map(l -> l.unitPrice().currency()).distinct().toList();
    if (currencies.size() > 1) {
      MixedCurrenciesException mixed = new MixedCurrenciesException(currencies);
      throw new UnorderableException(mixed.getMessage(), List.of(new Violation(fromCart ? "fromCart" : "items",
          mixed.getMessage(), "Currency", Map.of())));
    }
  }

  private static ShippingAddress address(PlaceOrder request) {
    PlaceOrder.Address a = request.shippingAddress();
    String line2 = a.line2() == null || a.line2().isBlank() ? null : a.line2().strip();
    return new ShippingAddress(a.name().strip(), a.line1().strip(), line2, a.city().strip(), a.postalCode().strip(),
        a.country());
  }

  /** The request's identity: a digest of its canonical JSON (what was asked, not how it was formatted). */
  private String fingerprint(PlaceOrder request) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.writeValueAsString(request)
          .getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static Optional<UUID> parseId(String id) {
    try {
      return Optional.of(UUID.fromString(id));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
