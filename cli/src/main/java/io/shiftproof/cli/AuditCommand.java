package io.shiftproof.cli;

import io.shiftproof.gateway.audit.AuditHandler;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Asks the running hub to audit its records against the ledger ({@code GET /v1/audit}), prints
 * every finding, and exits 1 when there is any, so a cron job or a CI step can act on it.
 */
@Command(
    name = "audit",
    description =
        "Re-hash every stored record and check it against the ledger's signed anchors and chain"
            + " heads (and a kept ledger head); exit 1 naming any finding.")
final class AuditCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ClientOptions client;

  @Option(
      names = "--head",
      paramLabel = "HEAD_JSON",
      description =
          "a ledger head kept earlier (GET /v1/ledger/head): the log must still hold it, or its"
              + " tail was cut or rewritten since")
  Path head;

  @Override
  public Integer call() {
    // The hub gives an audit up to AuditHandler.TIMEOUT; wait a little longer than that.
    HttpResponse<String> response =
        head == null
            ? client.client().get("/v1/audit", AuditHandler.TIMEOUT.plusSeconds(30))
            : client
                .client()
                .post(
                    "/v1/audit",
                    "application/json",
                    readHead(),
                    AuditHandler.TIMEOUT.plusSeconds(30));
    PrintWriter out = spec.commandLine().getOut();
    if (response.statusCode() != 200) {
      return ResponsePrinter.print(out, response);
    }
    JsonObject report = new JsonObject(response.body());
    for (Object item : report.getJsonArray("findings")) {
      JsonObject f = (JsonObject) item;
      out.printf(
          "%-20s %s%s: %s%n",
          f.getString("code"),
          f.getString("batchId") == null ? "" : "batch " + f.getString("batchId") + " ",
          f.getString("record") == null ? "" : "record " + f.getString("record"),
          f.getString("detail"));
    }
    long omitted = report.getLong("findingsOmitted");
    if (omitted > 0) {
      out.printf("... and %d more findings%n", omitted);
    }
    out.printf(
        "%s: %d batches, %d records, %d ledger entries checked in %d ms%n",
        report.getBoolean("clean") ? "clean" : "FINDINGS",
        report.getLong("batches"),
        report.getLong("records"),
        report.getLong("ledgerEntries"),
        report.getLong("tookMillis"));
    out.flush();
    return report.getBoolean("clean") ? 0 : ShiftproofCli.EXIT_REFUSED;
  }

  private byte[] readHead() {
    try {
      return Files.readAllBytes(head);
    } catch (IOException e) {
      throw new CliFailure(ShiftproofCli.EXIT_UNREACHABLE, "cannot read " + head + ": " + e);
    }
  }
}
