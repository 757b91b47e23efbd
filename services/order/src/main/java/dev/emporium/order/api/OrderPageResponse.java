package dev.emporium.order.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** {@code GET /api/orders}: a page of orders, newest first; {@code nextCursor} is null on the last page. */
public record OrderPageResponse(List<OrderResponse> items, @Nullable String nextCursor) {}
