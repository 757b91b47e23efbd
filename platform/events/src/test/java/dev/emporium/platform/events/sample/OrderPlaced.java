package dev.emporium.platform.events.sample;

import dev.emporium.platform.events.DomainEvent;

public record OrderPlaced(String orderId, int sequence) implements DomainEvent {

  @Override
  public String aggregateId() {
    return orderId;
  }
}
