package dev.emporium.shipping;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The shipping service's own settings ({@code emporium.shipping.*}), checked at start-up.
 *
 * @param topic where shipping events are published
 * @param orderTopic where OrderCreated and OrderCancelled arrive (the order service's topic)
 * @param inventoryTopic where InventoryReserved arrives (the inventory service's topic)
 * @param consumerGroup the Kafka consumer group of this service's listeners
 * @param listenerConcurrency consumer threads per listener (up to one per partition)
 * @param serviceableCountries ISO 3166-1 alpha-2 codes of the countries the service ships to; an
 *     order to any other country fails with {@code address-unserviceable}
 * @param carriers the carrier per destination country (code to carrier name); countries not listed
 *     go with {@code defaultCarrier}
 * @param defaultCarrier the carrier of a serviceable country that {@code carriers} does not name
 * @param trackingPrefix the letters every tracking number starts with (2 to 4 capitals)
 */
@ConfigurationProperties("emporium.shipping")
public record ShippingProperties(
    @DefaultValue("shipping-events") String topic,
    @DefaultValue("order-events") String orderTopic,
    @DefaultValue("inventory-events") String inventoryTopic,
    @DefaultValue("shipping") String consumerGroup,
    @DefaultValue("3") int listenerConcurrency,
    @DefaultValue({"AT", "BE", "CH", "CZ", "DE", "DK", "ES", "FI", "FR", "GB", "IE", "IT", "LU", "NL", "NO", "PL",
        "PT", "SE", "US", "CA"}) List<String> serviceableCountries,
    Map<String, String> carriers,
    @DefaultValue("Emporium Post") String defaultCarrier,
    @DefaultValue("EMP") String trackingPrefix) {

  /** The carriers of the defaults: national posts and parcel carriers by country. */
  static final Map<String, String> DEFAULT_CARRIERS = Map.of(
      "DE", "DHL", "AT", "Austrian Post", "CH", "Swiss Post", "FR", "Colissimo", "GB", "Royal Mail",
      "NL", "PostNL", "US", "UPS", "CA", "Canada Post");

  public ShippingProperties {
    require(!topic.isBlank() && !orderTopic.isBlank() && !inventoryTopic.isBlank(), "topics must not be blank");
    require(!consumerGroup.isBlank(), "consumer-group must not be blank");
    require(listenerConcurrency >= 1 && listenerConcurrency <= 64, "listener-concurrency must be in 1..64");
    require(serviceableCountries != null && !serviceableCountries.isEmpty(),
        "serviceable-countries must name at least one country");
    serviceableCountries = serviceableCountries.stream().map(ShippingProperties::country).distinct().sorted().toList();
    Map<String, String> byCountry = new TreeMap<>();
    (carriers == null || carriers.isEmpty() ? DEFAULT_CARRIERS : carriers).forEach((country, carrier) -> {
      require(carrier != null && !carrier.isBlank() && carrier.length() <= 64,
          "carriers." + country + " must be a name of 1 to 64 characters");
      byCountry.put(country(country), carrier.strip());
    });
    carriers = Map.copyOf(byCountry);
    require(!defaultCarrier.isBlank() && defaultCarrier.length() <= 64, "default-carrier must be 1 to 64 characters");
    require(trackingPrefix.matches("[A-Z]{2,4}"), "tracking-prefix must be 2 to 4 capital letters");
  }

  /** Whether the service ships to {@code country} (an alpha-2 code, any case). */
  public boolean serves(String country) {
    return serviceableCountries.contains(country.toUpperCase(Locale.ROOT));
  }

  /** The carrier that takes parcels to {@code country}. */
  public String carrierFor(String country) {
    return carriers.getOrDefault(country.toUpperCase(Locale.ROOT), defaultCarrier);
  }

  private static String country(String code) {
    String upper = code == null ? "" : code.strip().toUpperCase(Locale.ROOT);
    require(upper.matches("[A-Z]{2}"), "country '" + code + "' is not an ISO 3166-1 alpha-2 code");
    return upper;
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException("emporium.shipping." + message);
    }
  }
}
