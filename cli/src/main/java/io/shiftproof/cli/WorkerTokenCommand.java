package io.shiftproof.cli;

import io.vertx.core.json.JsonObject;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code worker-token}: a platform issues a worker an access token (for a worker it has sent events
 * for), or revokes one it issued.
 */
@Command(
    name = "worker-token",
    description = "Issue a worker an access token as their platform, or revoke one (--revoke).")
final class WorkerTokenCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ClientOptions client;

  @Parameters(
      paramLabel = "WORKER_REF",
      arity = "0..1",
      description = "The worker to issue a token for, wr_...")
  String workerRef;

  @Option(names = "--revoke", paramLabel = "TOKEN", description = "Revoke this token instead.")
  String revoke;

  @Override
  public Integer call() {
    if ((workerRef == null) == (revoke == null)) {
      throw new CliFailure(
          ShiftproofCli.EXIT_USAGE, "give either WORKER_REF to issue a token or --revoke TOKEN");
    }
    HubClient hub = client.client();
    return ResponsePrinter.print(
        spec.commandLine().getOut(),
        revoke != null
            ? ClaimsCommand.post(
                hub, "/v1/worker-tokens/revoke", new JsonObject().put("workerToken", revoke))
            : ClaimsCommand.post(
                hub, "/v1/worker-tokens", new JsonObject().put("workerRef", workerRef)));
  }
}
