package io.shiftproof.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** An authenticated GET that prints the JSON answer. */
@Command(name = "get", description = "GET an API path as an organisation and print the JSON.")
final class GetCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ClientOptions client;

  @Parameters(
      paramLabel = "PATH",
      description = "API path, e.g. /v1/workers/wr_.../days/2026-11-28")
  String path;

  @Override
  public Integer call() {
    if (!path.startsWith("/")) {
      throw new CliFailure(ShiftproofCli.EXIT_USAGE, "PATH: got \"" + path + "\", want /v1/...");
    }
    return ResponsePrinter.print(spec.commandLine().getOut(), client.client().get(path));
  }
}
