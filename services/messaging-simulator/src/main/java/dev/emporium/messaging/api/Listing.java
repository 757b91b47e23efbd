package dev.emporium.messaging.api;

import java.util.List;

/** A listing of deliveries, newest first. */
record Listing<T>(int count, List<T> items) {

  static <T> Listing<T> of(List<T> items) {
    return new Listing<>(items.size(), items);
  }
}
