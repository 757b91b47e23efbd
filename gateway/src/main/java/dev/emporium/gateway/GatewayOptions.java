package dev.emporium.gateway;

import dev.emporium.gateway.policy.PolicyRegistry;
import dev.emporium.gateway.upstream.DiscoveryRegistry;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * How to start a gateway.
 *
 * @param configFile the YAML configuration, watched for changes when {@code server.watchConfig}
 * @param policies the policies routes may name
 * @param discoveries the discovery types clusters may use
 * @param environment where {@code ${VAR}} references in the file are looked up
 */
public record GatewayOptions(Path configFile, PolicyRegistry policies, DiscoveryRegistry discoveries,
    Function<String, String> environment) {

  public static GatewayOptions of(Path configFile) {
    return new GatewayOptions(configFile, new PolicyRegistry(), new DiscoveryRegistry(), System::getenv);
  }

  public GatewayOptions withPolicies(PolicyRegistry policies) {
    return new GatewayOptions(configFile, policies, discoveries, environment);
  }

  public GatewayOptions withDiscoveries(DiscoveryRegistry discoveries) {
    return new GatewayOptions(configFile, policies, discoveries, environment);
  }

  public GatewayOptions withEnvironment(Function<String, String> environment) {
    return new GatewayOptions(configFile, policies, discoveries, environment);
  }
}
