package io.shiftproof.gateway.cli;

import io.shiftproof.gateway.config.HubKeys;
import io.shiftproof.gateway.config.HubSettings;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** An authenticated GET that prints the JSON answer. */
@Command(name = "get", description = "GET an API path as an organisation and print the JSON.")
final class GetCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin HubOptions hub;

  @Option(
      names = "--as",
      required = true,
      paramLabel = "ORG",
      description = "Organisation whose credentials to use, e.g. insurer-1.")
  String organisation;

  @Option(
      names = "--url",
      paramLabel = "URL",
      description = "Hub API URL (default: the running hub).")
  URI url;

  @Parameters(
      paramLabel = "PATH",
      description = "API path, e.g. /v1/workers/wr_.../days/2026-11-28")
  String path;

  @Override
  public Integer call() {
    if (!path.startsWith("/")) {
      throw new CliFailure(ShiftproofCli.EXIT_USAGE, "PATH: got \"" + path + "\", want /v1/...");
    }
    HubSettings settings = hub.settings();
    HubClient client =
        HubClient.forOrganisation(
            settings.get(HubKeys.DATA_DIR).resolve("credentials"),
            organisation,
            HubEndpoint.resolve(Optional.ofNullable(url), settings));
    return ResponsePrinter.print(spec.commandLine().getOut(), client.get(path));
  }
}
