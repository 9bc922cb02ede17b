package io.shiftproof.cli;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Posts one batch file as a platform, signed with its certificate key, and prints the answer. */
@Command(
    name = "push",
    description =
        "Post a batch of events (JSON, or Avro for *.avro) as an organisation, signed with its"
            + " certificate key.")
final class PushCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ClientOptions client;

  @Option(
      names = "--content-type",
      paramLabel = "TYPE",
      description =
          "Override the content type (default by file name: application/json or application/avro).")
  String contentType;

  @Parameters(paramLabel = "FILE", description = "Batch file, or - for standard input.")
  String file;

  @Override
  public Integer call() {
    String type =
        contentType != null
            ? contentType
            : file.endsWith(".avro") ? "application/avro" : "application/json";
    HttpResponse<String> response =
        client.client().postBatch(type, read(file), client.privateKey());
    return ResponsePrinter.print(spec.commandLine().getOut(), response);
  }

  private static byte[] read(String file) {
    try {
      return file.equals("-") ? System.in.readAllBytes() : Files.readAllBytes(Path.of(file));
    } catch (IOException e) {
      throw new CliFailure(ShiftproofCli.EXIT_UNREACHABLE, "cannot read " + file + ": " + e);
    }
  }
}
