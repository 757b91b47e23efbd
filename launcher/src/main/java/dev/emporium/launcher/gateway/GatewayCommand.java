package dev.emporium.launcher.gateway;

import dev.emporium.gateway.Gateway;
import dev.emporium.gateway.GatewayOptions;
import dev.emporium.gateway.config.ConfigException;
import dev.emporium.gateway.config.ConfigProblem;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code emporium gateway --config FILE}: the gateway alone, in front of any HTTP services. */
@Command(name = "gateway", mixinStandardHelpOptions = true,
    description = "Runs the API gateway alone with the given configuration.")
public final class GatewayCommand implements Callable<Integer> {

  @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
      description = "Gateway configuration (YAML); see docs/gateway.md.")
  Path config;

  @Option(names = "--check", description = "Only validate the configuration, then exit.")
  boolean check;

  @Override
  public Integer call() throws InterruptedException {
    GatewayOptions options = GatewayOptions.of(config);
    try {
      if (check) {
        Gateway.check(options);
        System.out.println(config + ": configuration is valid");
        return 0;
      }
      Gateway gateway = Gateway.start(options);
      awaitShutdown(gateway::shutdown);
      return 0;
    } catch (ConfigException e) {
      printProblems(e);
      return 2;
    }
  }

  public static void printProblems(ConfigException e) {
    System.err.println("The configuration cannot be used:");
    for (ConfigProblem problem : e.problems()) System.err.println("  " + problem);
  }

  /** Blocks until the process is asked to stop (Ctrl-C, SIGTERM), then runs {@code stop}. */
  public static void awaitShutdown(Runnable stop) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        stop.run();
      } finally {
        stopped.countDown();
      }
    }, "emporium-shutdown"));
    stopped.await();
  }
}
