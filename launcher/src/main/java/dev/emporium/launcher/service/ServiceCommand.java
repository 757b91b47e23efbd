package dev.emporium.launcher.service;

import dev.emporium.launcher.gateway.GatewayCommand;
import dev.emporium.launcher.platform.PlatformServices;
import dev.emporium.launcher.platform.ServiceDefinition;
import dev.emporium.launcher.platform.ServiceRunner;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code emporium service NAME}: one service as its own process, configured by its
 * application.properties and environment variables only (docs/operations.md), against whatever
 * PostgreSQL, Kafka and brokers those name. This is how the platform runs on real engines. With
 * {@code EMPORIUM_ETCD} set, the service registers in that etcd, where the gateway's etcd discovery
 * finds it (the platform's defaults read the variable; nothing here needs to pass it on).
 */
@Command(name = "service", mixinStandardHelpOptions = true,
    description = "Runs one service as its own process, configured by environment variables.")
public final class ServiceCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "NAME", description = "The service: ${COMPLETION-CANDIDATES}",
      completionCandidates = Names.class)
  String name;

  @Option(names = "--config-dir", paramLabel = "DIR",
      description = "A directory whose application.properties overrides the service's settings.")
  Path configDirectory = Path.of("config");

  @Override
  public Integer call() throws InterruptedException {
    ServiceDefinition service = PlatformServices.named(name).orElse(null);
    if (service == null) {
      System.err.println("emporium: no service named '" + name + "'; services: " + String.join(", ", new Names()));
      return 2;
    }
    ConfigurableApplicationContext context = ServiceRunner.start(service, Map.of(), configDirectory);
    GatewayCommand.awaitShutdown(context::close);
    return 0;
  }

  /** The services' names, for help and completion. */
  static final class Names implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return PlatformServices.all().stream().map(ServiceDefinition::name).collect(Collectors.toList()).iterator();
    }
  }
}
