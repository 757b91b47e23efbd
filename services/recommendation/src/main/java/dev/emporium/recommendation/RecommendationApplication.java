package dev.emporium.recommendation;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The recommendation service: learns from completed orders which products are bought together,
 * what each user bought and what sells, keeps its own copy of the catalogue from product events,
 * and answers "bought together", personalised and popular recommendations. Runs as its own
 * process: {@code java -jar emporium-recommendation.jar}, configured by environment variables
 * (docs/services.md).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RecommendationApplication {

  public static void main(String[] args) {
    SpringApplication.run(RecommendationApplication.class, args);
  }
}
