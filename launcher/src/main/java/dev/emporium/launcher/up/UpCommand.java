package dev.emporium.launcher.up;

import dev.emporium.gateway.Gateway;
import dev.emporium.gateway.GatewayOptions;
import dev.emporium.gateway.config.ConfigException;
import dev.emporium.launcher.EmporiumHome;
import dev.emporium.launcher.gateway.GatewayCommand;
import dev.emporium.launcher.platform.DemoData;
import dev.emporium.launcher.platform.EngineSettings;
import dev.emporium.launcher.platform.Platform;
import dev.emporium.launcher.platform.PlatformServices;
import dev.emporium.launcher.platform.SharedLogging;
import dev.emporium.launcher.tracing.TraceViewer;
import dev.emporium.launcher.tracing.TracingSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code emporium up}: the whole platform on one machine. Engines (embedded PostgreSQL, Kafka and
 * AMQP broker in the data directory, unless external ones are configured), every service in this
 * JVM, and the gateway in front of them; demo data on the first start. With {@code --tracing}, also
 * a trace viewer (Zipkin) that every service and the gateway send all their traces to.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
    description = "Runs the whole platform on one machine with embedded engines.")
public final class UpCommand implements Callable<Integer> {

  @Option(names = "--config", paramLabel = "FILE", description = "Gateway configuration; default gateway/examples/platform.yaml.")
  Path config;

  @Option(names = "--data", paramLabel = "DIR", description = "Data directory; default $EMPORIUM_DATA or ./data.")
  Path data;

  @Option(names = "--tracing", description = "Also run a trace viewer (Zipkin on 127.0.0.1:9411, fetched on first use) "
      + "and send it every trace of the services and the gateway.")
  boolean tracing;

  @Override
  public Integer call() throws InterruptedException {
    long begin = System.nanoTime();
    SharedLogging.install();
    Map<String, String> env = new HashMap<>(System.getenv());
    if (data != null) {
      env.put("EMPORIUM_DATA", data.toString());
    }
    EngineSettings settings = EngineSettings.fromEnvironment(env);
    TracingSettings tracingSettings = tracing ? TracingSettings.fromEnvironment(env) : null;
    Platform platform = new Platform(settings);
    System.out.println("emporium: data in " + settings.dataDirectory());
    TraceViewer traces;
    try {
      // Zipkin takes seconds to start: it does so while the engines start.
      CompletableFuture<TraceViewer> viewer = tracingSettings == null ? CompletableFuture.completedFuture(null)
          : CompletableFuture.supplyAsync(() -> TraceViewer.start(tracingSettings,
              settings.dataDirectory().resolve("tracing"), line -> System.out.println("  " + line)));
      RuntimeException failure = null;
      try {
        platform.startEngines(line -> System.out.println("  " + line));
      } catch (RuntimeException e) {
        failure = e;
      }
      try {
        // Stopped after the services (their last spans still reach it), before the engines.
        traces = platform.remember(join(viewer));
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
        traces = null;
      }
      if (failure != null) {
        throw failure;
      }
      if (traces != null) {
        System.out.println("  zipkin     " + traces.zipkinUrl() + "  (spans in over OTLP at " + traces.otlpEndpoint() + ")");
        platform.addServiceSettings(traces.serviceSettings());
      }
      var services = PlatformServices.all();
      platform.startServices(services, line -> System.out.println("  " + line));
      platform.awaitReady(services, PlatformServices.defaultPorts(), Duration.ofSeconds(120));
    } catch (RuntimeException e) {
      platform.close();
      throw e;
    }

    Path file = config != null ? config : EmporiumHome.resolve("gateway/examples/platform.yaml");
    Gateway gateway;
    try {
      Map<String, String> gatewayEnvironment = new HashMap<>(env);
      if (traces != null) {
        gatewayEnvironment.putAll(traces.gatewayEnvironment());
      }
      gateway = Gateway.start(GatewayOptions.of(file).withEnvironment(gatewayEnvironment::get));
    } catch (ConfigException e) {
      GatewayCommand.printProblems(e);
      platform.close();
      return 2;
    }
    platform.remember(gateway::shutdown);
    String credentials;
    try {
      credentials = seedOnFirstStart(platform);
    } catch (RuntimeException e) {
      platform.close();
      throw e;
    }
    System.out.printf("""

        Emporium is up in %.1f s.
          gateway   http://127.0.0.1:%d      (try: curl http://127.0.0.1:%d/api/products?q=kettle)
          admin     http://127.0.0.1:%d      (token: %s)
          metrics   http://127.0.0.1:%d/metrics and each service's /metrics
          data      %s
        %s%sCtrl-C stops it.
        %n""", Duration.ofNanos(System.nanoTime() - begin).toMillis() / 1000.0, gateway.port("public"),
        gateway.port("public"), gateway.adminPort(), gateway.adminToken(), gateway.adminPort(),
        settings.dataDirectory(), traces == null ? "" : "  traces    " + traces.zipkinUrl()
            + "  (Zipkin: every request's trace, by the X-Trace-Id the gateway returns)\n", credentials);
    GatewayCommand.awaitShutdown(platform::close);
    return 0;
  }

  /** The trace viewer, or the reason it could not start (not wrapped in the future's exception). */
  private static TraceViewer join(CompletableFuture<TraceViewer> viewer) {
    try {
      return viewer.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  /** Seeds the catalogue and the demo accounts once per data directory; returns what to print. */
  private static String seedOnFirstStart(Platform platform) {
    if (platform.seeded()) {
      return "";
    }
    DemoData seed = new DemoData();
    var ports = PlatformServices.defaultPorts();
    int products = seed.seedCatalogue(ports.get("product"), ports.get("inventory"));
    var shopper = new DemoData.Account("shopper@emporium.test", platform.secrets().get("demo.shopper.password"),
        "Demo Shopper");
    var admin = new DemoData.Account("admin@emporium.test", platform.secrets().get("demo.admin.password"),
        "Demo Admin");
    seed.register(ports.get("user"), shopper);
    seed.register(ports.get("user"), admin);
    platform.execute("user", "UPDATE users SET roles = ARRAY['customer', 'admin'] WHERE email = ?", admin.email());
    platform.markSeeded();
    return String.format("""
          seeded    %d products with stock; accounts (shown once, kept in the data directory's secrets.properties):
                    %s / %s
                    %s / %s (admin)
        """, products, shopper.email(), shopper.password(), admin.email(), admin.password());
  }
}
