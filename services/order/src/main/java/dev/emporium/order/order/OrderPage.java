package dev.emporium.order.order;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** One page of a user's orders, newest first, and the cursor of the next page (null on the last). */
public record OrderPage(List<Order> orders, @Nullable String nextCursor) {}
