package dev.emporium.product.search;

import dev.emporium.product.catalog.Product;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** One page of products and the cursor of the next page (null on the last page). */
public record SearchPage(List<Product> items, @Nullable String nextCursor) {}
