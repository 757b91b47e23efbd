package dev.emporium.order.order;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Where the order goes; {@code country} is an ISO 3166-1 alpha-2 code. Checked by {@link OrderRules}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShippingAddress(String name, String line1, @Nullable String line2, String city, String postalCode,
    String country) {

  public ShippingAddress {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(line1, "line1");
    Objects.requireNonNull(city, "city");
    Objects.requireNonNull(postalCode, "postalCode");
    Objects.requireNonNull(country, "country");
  }
}
