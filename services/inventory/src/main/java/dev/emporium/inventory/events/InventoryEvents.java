package dev.emporium.inventory.events;

import dev.emporium.inventory.InventoryProperties;
import dev.emporium.inventory.events.InventoryEvent.InventoryInsufficient;
import dev.emporium.inventory.events.InventoryEvent.InventoryReleased;
import dev.emporium.inventory.events.InventoryEvent.InventoryReserved;
import dev.emporium.inventory.events.InventoryEvent.Line;
import dev.emporium.inventory.events.InventoryEvent.Shortfall;
import dev.emporium.inventory.stock.ReservedLine;
import dev.emporium.inventory.stock.Shortage;
import dev.emporium.platform.events.outbox.Outbox;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/** Writes inventory events to the outbox, in the transaction of the change they report. */
@Component
public class InventoryEvents {

  private final Outbox outbox;
  private final String topic;

  InventoryEvents(Outbox outbox, InventoryProperties properties) {
    this.outbox = outbox;
    this.topic = properties.topic();
  }

  public void reserved(String orderId, List<ReservedLine> lines, Instant at) {
    outbox.append(topic, new InventoryReserved(orderId, Line.of(lines), at));
  }

  public void insufficient(String orderId, List<Shortage> shortages, Instant at) {
    outbox.append(topic, new InventoryInsufficient(orderId, Shortfall.of(shortages), at));
  }

  public void released(String orderId, List<ReservedLine> lines, String reason, Instant at) {
    outbox.append(topic, new InventoryReleased(orderId, Line.of(lines), reason, at));
  }
}
