package dev.emporium.product.api;

import dev.emporium.platform.service.identity.Caller;
import dev.emporium.platform.service.identity.RequireRole;
import dev.emporium.platform.service.problem.ProblemException;
import dev.emporium.product.ProductProperties;
import dev.emporium.product.catalog.Product;
import dev.emporium.product.catalog.ProductCatalog;
import dev.emporium.product.search.ProductSearch;
import dev.emporium.product.search.SearchPage;
import dev.emporium.product.search.SearchQuery;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The catalogue's REST API. Reads are public and cacheable (the gateway caches them: products for
 * {@code product-max-age}, search pages for {@code search-max-age}); writes need the admin role.
 */
@RestController
@RequestMapping("/api/products")
class ProductController {

  private final ProductCatalog catalog;
  private final ProductSearch search;
  private final CacheControl productCaching;
  private final CacheControl searchCaching;

  ProductController(ProductCatalog catalog, ProductSearch search, ProductProperties properties) {
    this.catalog = catalog;
    this.search = search;
    this.productCaching = CacheControl.maxAge(properties.productMaxAge()).cachePublic();
    this.searchCaching = CacheControl.maxAge(properties.searchMaxAge()).cachePublic();
  }

  @GetMapping
  @Operation(summary = "Search or browse active products, a page at a time")
  ResponseEntity<ProductResponse.Page> list(
      @RequestParam(name = "q", required = false) @Size(max = 200) String q,
      @RequestParam(name = "category", required = false) @Size(max = 64) String category,
      @RequestParam(name = "limit", defaultValue = "20") @Min(1) @Max(100) int limit,
      @RequestParam(name = "cursor", required = false) @Size(max = 512) String cursor) {
    SearchPage page = search.search(new SearchQuery(q, category, limit, cursor));
    return ResponseEntity.ok().cacheControl(searchCaching)
        .body(new ProductResponse.Page(page.items().stream().map(ProductResponse::of).toList(), page.nextCursor()));
  }

  @GetMapping("/{id}")
  @Operation(summary = "One product; 304 when If-None-Match names its current ETag")
  ResponseEntity<ProductResponse> get(@PathVariable UUID id,
      @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
    Product product = catalog.get(id);
    String etag = ETags.of(product);
    if (ETags.matches(ifNoneMatch, etag)) {
      return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).cacheControl(productCaching).build();
    }
    return ResponseEntity.ok().eTag(etag).cacheControl(productCaching).body(ProductResponse.of(product));
  }

  @PostMapping
  @RequireRole(Caller.ADMIN)
  @Operation(summary = "Add a product (admin)")
  ResponseEntity<ProductResponse> create(@Valid @RequestBody ProductRequest request, Caller caller) {
    Product product = catalog.create(caller, request.toDetails());
    return ResponseEntity.created(URI.create("/api/products/" + product.id())).eTag(ETags.of(product))
        .body(ProductResponse.of(product));
  }

  @PutMapping("/{id}")
  @RequireRole(Caller.ADMIN)
  @Operation(summary = "Replace a product's details (admin); If-Match makes it conditional")
  ResponseEntity<ProductResponse> update(@PathVariable UUID id, @Valid @RequestBody ProductRequest request,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, Caller caller) {
    Long expectedVersion = null;
    if (ifMatch != null) {
      Product current = catalog.get(id);
      expectedVersion = ETags.version(ifMatch, current);
      if (expectedVersion == null) {
        throw ProblemException.preconditionFailed("If-Match does not name a version of product " + id);
      }
    }
    Product product = catalog.update(caller, id, request.toDetails(), expectedVersion);
    return ResponseEntity.ok().eTag(ETags.of(product)).body(ProductResponse.of(product));
  }
}
