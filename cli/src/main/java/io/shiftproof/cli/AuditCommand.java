package io.shiftproof.cli;

import io.shiftproof.gateway.audit.AuditHandler;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.net.http.HttpResponse;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Asks the running hub to audit its records against the ledger ({@code GET /v1/audit}), prints
 * every finding, and exits 1 when there is any, so a cron job or a CI step can act on it.
 */
@Command(
    name = "audit",
    description =
        "Re-hash every stored record and check it against the ledger's anchors; exit 1 naming"
            + " any record changed after it was anchored.")
final class AuditCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ClientOptions client;

  @Override
  public Integer call() {
    // The hub gives an audit up to AuditHandler.TIMEOUT; wait a little longer than that.
    HttpResponse<String> response =
        client.client().get("/v1/audit", AuditHandler.TIMEOUT.plusSeconds(30));
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
}
