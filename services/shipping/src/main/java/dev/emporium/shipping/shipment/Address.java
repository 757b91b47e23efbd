package dev.emporium.shipping.shipment;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where a shipment goes: the order's {@code shippingAddress} as the order service sent it. It is
 * kept as received and checked only when the shipment is due, so that an unusable address becomes
 * a {@code ShipmentFailed} of the order (the saga then cancels it) rather than a lost event.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Address(@Nullable String name, @Nullable String line1, @Nullable String line2, @Nullable String city,
    @Nullable String postalCode, @Nullable String country) {

  static final int MAX_FIELD_LENGTH = 200;

  /** What makes this address unusable for a parcel, if anything: missing or oversized fields. */
  public Optional<String> defect() {
    List<String> defects = new ArrayList<>();
    required("name", name, defects);
    required("line1", line1, defects);
    required("city", city, defects);
    required("postalCode", postalCode, defects);
    if (line2 != null && line2.length() > MAX_FIELD_LENGTH) {
      defects.add("line2 is longer than " + MAX_FIELD_LENGTH + " characters");
    }
    if (country == null || !country.matches("[A-Za-z]{2}")) {
      defects.add("country is not an ISO 3166-1 alpha-2 code");
    }
    return defects.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", defects));
  }

  private static void required(String field, @Nullable String value, List<String> defects) {
    if (value == null || value.isBlank()) {
      defects.add(field + " is missing");
    } else if (value.length() > MAX_FIELD_LENGTH) {
      defects.add(field + " is longer than " + MAX_FIELD_LENGTH + " characters");
    }
  }
}
