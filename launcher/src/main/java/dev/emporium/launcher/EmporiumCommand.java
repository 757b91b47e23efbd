package dev.emporium.launcher;

import dev.emporium.launcher.gateway.GatewayCommand;
import dev.emporium.launcher.gateway.DemoCommand;
import dev.emporium.launcher.service.ServiceCommand;
import dev.emporium.launcher.up.UpCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code emporium} command: the one entry point users type. */
@Command(
    name = "emporium",
    mixinStandardHelpOptions = true,
    versionProvider = EmporiumCommand.Version.class,
    description = "Emporium: an e-commerce platform behind its own API gateway.",
    subcommands = {UpCommand.class, ServiceCommand.class, GatewayCommand.class, DemoCommand.class, CommandLine.HelpCommand.class})
public final class EmporiumCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    dev.emporium.gateway.Gateway.prepareProcess();
    System.exit(new CommandLine(new EmporiumCommand()).setExecutionExceptionHandler(FailureReport.fromEnvironment())
        .execute(args));
  }

  /** The version from the jar manifest, or "development" when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = EmporiumCommand.class.getPackage().getImplementationVersion();
      return new String[] {"emporium " + (v == null ? "development" : v)};
    }
  }
}
