package dev.emporium.launcher;

import picocli.CommandLine;

/**
 * What a command that failed prints: its name and the reason, with the reasons under it, on one
 * line each; no stack trace unless {@code EMPORIUM_STACK_TRACES=true}. Exit code 1.
 */
final class FailureReport implements CommandLine.IExecutionExceptionHandler {

  private final boolean stackTraces;

  FailureReport(boolean stackTraces) {
    this.stackTraces = stackTraces;
  }

  static FailureReport fromEnvironment() {
    return new FailureReport("true".equalsIgnoreCase(System.getenv("EMPORIUM_STACK_TRACES")));
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
    command.getErr().println(text(command.getCommandName(), e));
    if (stackTraces) {
      e.printStackTrace(command.getErr());
    }
    return 1;
  }

  static String text(String command, Throwable e) {
    StringBuilder text = new StringBuilder("emporium ").append(command).append(": ").append(describe(e));
    Throwable cause = e.getCause();
    for (int depth = 0; cause != null && depth < 10; depth++, cause = cause.getCause()) {
      if (cause.getMessage() != null && !text.toString().contains(cause.getMessage())) {
        text.append(System.lineSeparator()).append("  because: ").append(describe(cause));
      }
    }
    return text.toString();
  }

  private static String describe(Throwable e) {
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }
}
