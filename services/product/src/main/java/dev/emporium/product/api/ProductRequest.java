package dev.emporium.product.api;

import dev.emporium.product.catalog.Money;
import dev.emporium.product.catalog.ProductDetails;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.Map;

/**
 * The body of create and update (PUT replaces every field). The limits keep one product's size
 * bounded: they are part of the API contract, and a request beyond them is a 400 naming the field.
 */
public record ProductRequest(
    @NotBlank @Size(max = 200) String name,
    @Size(max = 5000) String description,
    @NotNull @Valid PriceBody price,
    @NotBlank @Size(max = 64) @Pattern(regexp = "[a-zA-Z0-9]+(-[a-zA-Z0-9]+)*", message = "must be a slug such as 'audio' or 'home-office'")
    String category,
    @Size(max = 50) Map<@NotBlank @Size(max = 64) String, @NotNull @Size(max = 500) String> attributes,
    Boolean active) {

  public record PriceBody(
      @NotNull @DecimalMin("0.00") @DecimalMax("999999999.99") @Digits(integer = 9, fraction = 3) BigDecimal amount,
      @NotBlank @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR") String currency) {}

  ProductDetails toDetails() {
    return new ProductDetails(name, description, new Money(price.amount(), price.currency()), category, attributes,
        active == null || active);
  }
}
