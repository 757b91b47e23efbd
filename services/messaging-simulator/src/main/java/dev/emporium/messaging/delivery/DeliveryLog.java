package dev.emporium.messaging.delivery;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Predicate;

/**
 * The deliveries of one channel, newest first, at most {@code max} of them: past that the oldest is
 * forgotten.
 */
public final class DeliveryLog<T> {

  private final Deque<T> deliveries = new ArrayDeque<>();
  private final int max;

  public DeliveryLog(int max) {
    this.max = max;
  }

  public void add(T delivery) {
    synchronized (deliveries) {
      deliveries.addFirst(delivery);
      while (deliveries.size() > max) {
        deliveries.removeLast();
      }
    }
  }

  /** The newest {@code limit} deliveries that {@code filter} accepts. */
  public List<T> newest(Predicate<T> filter, int limit) {
    List<T> found = new ArrayList<>();
    synchronized (deliveries) {
      for (T delivery : deliveries) {
        if (found.size() >= limit) {
          break;
        }
        if (filter.test(delivery)) {
          found.add(delivery);
        }
      }
    }
    return found;
  }

  public int size() {
    synchronized (deliveries) {
      return deliveries.size();
    }
  }
}
