package dev.emporium.launcher.gateway;

import dev.emporium.gateway.Gateway;
import dev.emporium.gateway.GatewayOptions;
import dev.emporium.gateway.config.ConfigException;
import dev.emporium.launcher.EmporiumHome;
import dev.emporium.launcher.demo.DemoUpstream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code emporium demo}: the gateway alone, with the quickstart
 * configuration, in front of a demo catalogue service (two instances) it starts itself.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Runs the gateway quickstart: the gateway in front of a demo catalogue it starts itself.")
public final class DemoCommand implements Callable<Integer> {

  @Option(names = "--config", paramLabel = "FILE", description = "Gateway configuration; default the quickstart.")
  Path config;

  @Override
  public Integer call() throws InterruptedException {
    Path file = config != null ? config : EmporiumHome.resolve("gateway/examples/quickstart.yaml");
    List<DemoUpstream> upstreams = List.of(DemoUpstream.start("demo-a", 18091), DemoUpstream.start("demo-b", 18092));
    Gateway gateway;
    try {
      gateway = Gateway.start(GatewayOptions.of(file));
    } catch (ConfigException e) {
      GatewayCommand.printProblems(e);
      upstreams.forEach(DemoUpstream::close);
      return 2;
    }
    System.out.printf("""

        The gateway quickstart is up.
          gateway   http://127.0.0.1:%d   (try: curl http://127.0.0.1:%d/api/products)
          admin     http://127.0.0.1:%d   (token: %s)
          metrics   http://127.0.0.1:%d/metrics
          upstreams demo catalogue on 127.0.0.1:18091 and 127.0.0.1:18092
        Ctrl-C stops it.
        %n""", gateway.port("public"), gateway.port("public"), gateway.adminPort(), gateway.adminToken(),
        gateway.adminPort());
    GatewayCommand.awaitShutdown(() -> {
      gateway.shutdown();
      upstreams.forEach(DemoUpstream::close);
    });
    return 0;
  }
}
