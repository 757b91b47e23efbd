package dev.emporium.recommendation.api;

import dev.emporium.platform.service.identity.Caller;
import dev.emporium.recommendation.RecommendationProperties;
import dev.emporium.recommendation.recommend.Recommendation;
import dev.emporium.recommendation.recommend.Recommender;
import io.swagger.v3.oas.annotations.Operation;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The recommendation API; every call is public. Answers that are the same for every caller (for a
 * product, popular, anonymous) are cacheable by anyone for {@code public-max-age}; a signed-in
 * caller's personalised answer only privately. Without a product, the answer depends on the caller,
 * which {@code Vary: X-User-Id} tells caches.
 */
@RestController
@RequestMapping("/api/recommendations")
class RecommendationController {

  private static final String USER_HEADER = "X-User-Id";

  private final Recommender recommender;
  private final RecommendationProperties properties;
  private final CacheControl publicCaching;
  private final CacheControl privateCaching;

  RecommendationController(Recommender recommender, RecommendationProperties properties) {
    this.recommender = recommender;
    this.properties = properties;
    this.publicCaching = CacheControl.maxAge(properties.publicMaxAge()).cachePublic();
    this.privateCaching = CacheControl.maxAge(properties.privateMaxAge()).cachePrivate();
  }

  @GetMapping
  @Operation(summary = "Products bought together with productId; without it, personalised for the caller "
      + "(popular for anonymous callers)")
  ResponseEntity<RecommendationResponse> recommend(@RequestParam(name = "productId", required = false) String productId,
      @RequestParam(name = "limit", required = false) String limit, Caller caller) {
    QueryParameters parameters = new QueryParameters();
    UUID product = parameters.productId(productId);
    int size = parameters.limit(limit, properties.defaultLimit(), properties.maxLimit());
    parameters.requireValid();
    if (product != null) {
      return answer(recommender.forProduct(product, size), publicCaching, false);
    }
    if (caller.isAuthenticated()) {
      return answer(recommender.forUser(caller.userId(), size), privateCaching, true);
    }
    return answer(recommender.popular(null, size), publicCaching, true);
  }

  @GetMapping("/popular")
  @Operation(summary = "Popular products by units sold in the popular window, in one category if given; "
      + "the newest products where sales are too few")
  ResponseEntity<RecommendationResponse> popular(@RequestParam(name = "category", required = false) String category,
      @RequestParam(name = "limit", required = false) String limit) {
    QueryParameters parameters = new QueryParameters();
    String slug = parameters.category(category);
    int size = parameters.limit(limit, properties.defaultLimit(), properties.maxLimit());
    parameters.requireValid();
    return answer(recommender.popular(slug, size), publicCaching, false);
  }

  private static ResponseEntity<RecommendationResponse> answer(Recommendation recommendation, CacheControl caching,
      boolean varyByCaller) {
    ResponseEntity.BodyBuilder response = ResponseEntity.ok().cacheControl(caching);
    if (varyByCaller) {
      response.header(HttpHeaders.VARY, USER_HEADER);
    }
    return response.body(RecommendationResponse.of(recommendation));
  }
}
