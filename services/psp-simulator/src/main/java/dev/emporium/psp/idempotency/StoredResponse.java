package dev.emporium.psp.idempotency;

import org.jspecify.annotations.Nullable;

/**
 * A response as an idempotency key remembers it, to be answered again as it was.
 *
 * @param location the {@code Location} header, if any
 */
public record StoredResponse(int status, Object body, @Nullable String location) {}
