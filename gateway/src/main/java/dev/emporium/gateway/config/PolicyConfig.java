package dev.emporium.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A policy named in a route, with its settings still in tree form; the policy registry binds the
 * settings to the policy's own configuration record during validation.
 *
 * @param name the policy's registered name, e.g. {@code headers}
 * @param settings the policy's settings as written
 */
public record PolicyConfig(String name, JsonNode settings) {}
