package io.shiftproof.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code shiftproof} command line: runs the hub and talks to it. */
@Command(
    name = "shiftproof",
    mixinStandardHelpOptions = true,
    scope = CommandLine.ScopeType.INHERIT,
    version = "shiftproof 0.1.0",
    description = "Cross-platform working-time hub for gig workers' injury insurance.",
    subcommands = {
      RunCommand.class,
      PushCommand.class,
      GetCommand.class,
      ClaimsCommand.class,
      WorkerTokenCommand.class,
      SimulateCommand.class,
      DemoCommand.class,
      BenchCommand.class,
      ConfigCommand.class,
      AuditCommand.class,
      VerifyCommand.class,
      CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:the hub refused the request (4xx/5xx)",
      "2:usage error",
      "3:cannot reach the hub or read an input"
    })
public final class ShiftproofCli implements Runnable {
  public static final int EXIT_REFUSED = 1;
  public static final int EXIT_USAGE = 2;
  public static final int EXIT_UNREACHABLE = 3;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line (picocli answers invalid input with exit code 2). */
  public static CommandLine commandLine() {
    return new CommandLine(new ShiftproofCli())
        .setExecutionExceptionHandler(
            (e, cmd, parseResult) -> {
              cmd.getErr().println("error: " + e.getMessage());
              if (!(e instanceof CliFailure)) {
                for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
                  cmd.getErr().println("  caused by: " + c);
                }
              }
              return e instanceof CliFailure failure ? failure.exitCode() : EXIT_UNREACHABLE;
            });
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
