package dev.emporium.inventory.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/**
 * The body of a restock. The quantity's range (1..{@code max-restock-quantity}, 1,000,000 by
 * default) is a setting, so the application service checks it and reports it like these limits.
 */
public record RestockRequest(
    @NotNull UUID productId,
    @NotBlank @Size(max = 64) @Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*", message = "must be a slug such as 'main' or 'berlin-2'")
    String warehouse,
    @NotNull Integer quantity) {}
