package dev.emporium.recommendation.recommend;

import dev.emporium.recommendation.RecommendationProperties;
import dev.emporium.recommendation.catalog.Product;
import dev.emporium.recommendation.catalog.ProductRepository;
import dev.emporium.recommendation.recommend.RankingQueries.History;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The recommendation use cases. Each answer is filled from rankings in a fixed order of relevance,
 * every ranking adding only products not picked yet, until the limit: what is specific to the
 * request first, popular products of the same categories next, popular products overall, and the
 * newest products last, so that even a catalogue without any sale recommends something.
 */
@Service
public class Recommender {

  private final RankingQueries rankings;
  private final ProductRepository products;
  private final RecommendationProperties properties;

  Recommender(RankingQueries rankings, ProductRepository products, RecommendationProperties properties) {
    this.rankings = rankings;
    this.products = products;
    this.properties = properties;
  }

  /**
   * Products bought together with {@code productId}, filled up with popular products of its category,
   * then popular overall. An unknown product, or one never bought with another, gets popular products
   * (and the strategy says so).
   */
  @Transactional(readOnly = true)
  public Recommendation forProduct(UUID productId, int limit) {
    Optional<Product> product = products.find(productId);
    Picks picks = new Picks(limit, Set.of(productId));
    if (product.isPresent()) {
      picks.add(rankings.boughtWith(productId, limit), Reason.BOUGHT_TOGETHER);
      fillPopularIn(picks, List.of(product.get().category()), null);
    }
    fillPopular(picks, null);
    return new Recommendation(picks.hasAny(Reason.BOUGHT_TOGETHER) ? Strategy.BOUGHT_TOGETHER : Strategy.POPULAR,
        picks.items());
  }

  /**
   * For a signed-in user: products bought together with what they bought, then popular in the
   * categories they buy from, then popular overall; never a product they bought. A user without
   * purchases gets popular products.
   */
  @Transactional(readOnly = true)
  public Recommendation forUser(String userId, int limit) {
    History history = rankings.history(userId, properties.maxHistoryProducts());
    if (history.isEmpty()) {
      return popular(null, limit);
    }
    Picks picks = new Picks(limit, Set.of());
    picks.add(rankings.boughtWithHistoryOf(userId, properties.maxHistoryProducts(), properties.maxPairsPerProduct(),
        limit), Reason.BOUGHT_TOGETHER);
    fillPopularIn(picks, history.categories(), userId);
    fillPopular(picks, userId);
    return new Recommendation(Strategy.PERSONALIZED, picks.items());
  }

  /** Popular products (in {@code category} only, unless that is null), then the newest ones. */
  @Transactional(readOnly = true)
  public Recommendation popular(@Nullable String category, int limit) {
    Picks picks = new Picks(limit, Set.of());
    List<String> categories = category == null ? null : List.of(category);
    picks.add(rankings.bestSellers(categories, picks.taken(), null, limit), Reason.POPULAR);
    if (!picks.isFull()) {
      picks.add(rankings.newest(categories, picks.taken(), null, picks.remaining()), Reason.NEW);
    }
    return new Recommendation(Strategy.POPULAR, picks.items());
  }

  private void fillPopularIn(Picks picks, List<String> categories, @Nullable String user) {
    if (!picks.isFull() && !categories.isEmpty()) {
      picks.add(rankings.bestSellers(categories, picks.taken(), user, picks.remaining()),
          Reason.POPULAR_IN_CATEGORY);
    }
  }

  private void fillPopular(Picks picks, @Nullable String user) {
    if (!picks.isFull()) {
      picks.add(rankings.bestSellers(null, picks.taken(), user, picks.remaining()), Reason.POPULAR);
    }
    if (!picks.isFull()) {
      picks.add(rankings.newest(null, picks.taken(), user, picks.remaining()), Reason.NEW);
    }
  }
}
