package dev.emporium.gateway;

import dev.emporium.gateway.policy.PolicyRegistry;
import dev.emporium.gateway.upstream.DiscoveryRegistry;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * How to start a gateway.
 *
 * @param configFile the YAML configuration, watched for changes when {@code server.watchConfig}
 * @param policies the policies routes may name
 * @param discoveries the discovery types clusters may use
 * @param environment where {@code ${VAR}} references in the file are looked up
 * @param spanExporter an exporter of the embedder's own that receives every span in addition to
 *     the configured {@code tracing.exporter}, or null; it is called on an event loop as each span
 *     ends, so it must not block. Code, not configuration, on purpose: a YAML file can only choose
 *     among exporters that ship spans out of the process.
 */
public record GatewayOptions(Path configFile, PolicyRegistry policies, DiscoveryRegistry discoveries,
    Function<String, String> environment, SpanExporter spanExporter) {

  public GatewayOptions(Path configFile, PolicyRegistry policies, DiscoveryRegistry discoveries,
      Function<String, String> environment) {
    this(configFile, policies, discoveries, environment, null);
  }

  public static GatewayOptions of(Path configFile) {
    return new GatewayOptions(configFile, new PolicyRegistry(), new DiscoveryRegistry(), System::getenv);
  }

  public GatewayOptions withPolicies(PolicyRegistry policies) {
    return new GatewayOptions(configFile, policies, discoveries, environment, spanExporter);
  }

  public GatewayOptions withDiscoveries(DiscoveryRegistry discoveries) {
    return new GatewayOptions(configFile, policies, discoveries, environment, spanExporter);
  }

  public GatewayOptions withEnvironment(Function<String, String> environment) {
    return new GatewayOptions(configFile, policies, discoveries, environment, spanExporter);
  }

  public GatewayOptions withSpanExporter(SpanExporter spanExporter) {
    return new GatewayOptions(configFile, policies, discoveries, environment, spanExporter);
  }
}
