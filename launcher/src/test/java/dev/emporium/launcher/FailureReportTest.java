package dev.emporium.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class FailureReportTest {

  @CommandLine.Command(name = "up")
  static final class Failing implements Runnable {
    @Override
    public void run() {
      throw new IllegalStateException("embedded AMQP broker did not start",
          new java.io.UncheckedIOException("disk full", new java.io.IOException("disk full")));
    }
  }

  @Test
  void aFailedCommandPrintsItsReasonsWithoutAStackTraceAndExitsWithOne() {
    StringWriter err = new StringWriter();
    int code = new CommandLine(new Failing()).setErr(new PrintWriter(err, true))
        .setExecutionExceptionHandler(new FailureReport(false)).execute();

    assertThat(code).isEqualTo(1);
    assertThat(err.toString().lines().toList()).containsExactly(
        "emporium up: embedded AMQP broker did not start", "  because: disk full");
  }

  @Test
  void withStackTracesAskedForTheTraceFollows() {
    StringWriter err = new StringWriter();
    new CommandLine(new Failing()).setErr(new PrintWriter(err, true))
        .setExecutionExceptionHandler(new FailureReport(true)).execute();

    assertThat(err.toString()).contains("java.lang.IllegalStateException: embedded AMQP broker did not start")
        .contains("\tat ");
  }
}
