package dev.emporium.gateway.policy.openapi;

/**
 * One way a request breaks its OpenAPI contract.
 *
 * @param field where: {@code body.items[0].quantity}, {@code query.limit}, {@code path.id},
 *     {@code header.X-Tenant}, {@code cookie.session}
 * @param message what is wrong, e.g. {@code must have a minimum value of 1}
 */
record FieldError(String field, String message) {}
