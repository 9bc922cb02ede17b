package io.shiftproof.gateway.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.shiftproof.gateway.http.DedicatedWorkers;
import io.shiftproof.gateway.http.HttpErrorCode;
import io.shiftproof.ledger.LedgerException;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /v1/audit} (admin): runs a {@link RecordAudit} and answers with its report, 200 even
 * when it found something — the audit ran; {@code clean} says what it found. Runs on a pool of one
 * thread of its own (per hub), so audits run one at a time across all gateway instances: each reads
 * every stored version. It has {@link #TIMEOUT} rather than the gateway's request timeout, since it
 * grows with the history.
 */
public final class AuditHandler {
  /** How long an audit request may take, queueing behind another audit included. */
  public static final Duration TIMEOUT = Duration.ofMinutes(10);

  private static final Logger LOG = LoggerFactory.getLogger(AuditHandler.class);
  private static final JsonFactory FACTORY = new JsonFactory();
  private final DedicatedWorkers workers =
      new DedicatedWorkers("shiftproof-audit", 1, TIMEOUT.toSeconds());

  private final RecordAudit audit;

  public AuditHandler(RecordAudit audit) {
    this.audit = audit;
  }

  public void audit(RoutingContext ctx) {
    workers
        .executor(ctx.vertx())
        .executeBlocking(() -> json(audit.run()), false)
        .onSuccess(
            body -> {
              if (!answered(ctx)) {
                ctx.response()
                    .setStatusCode(200)
                    .putHeader("content-type", "application/json")
                    .end(Buffer.buffer(body));
              }
            })
        .onFailure(
            failure -> {
              if (answered(ctx)) {
                return;
              }
              if (failure instanceof SQLException || failure instanceof LedgerException) {
                LOG.warn(
                    "audit could not read the records or the ledger: {}", failure.getMessage());
                ctx.fail(
                    HttpErrorCode.RECORDS_UNAVAILABLE.exception(
                        "the hub cannot read its records right now; retry shortly"));
              } else {
                ctx.fail(failure);
              }
            });
  }

  /** Whether the request was already answered (timed out) or its connection is gone. */
  private static boolean answered(RoutingContext ctx) {
    if (ctx.response().ended() || ctx.response().closed()) {
      LOG.warn("audit finished after its request was answered or abandoned; result dropped");
      return true;
    }
    return false;
  }

  /**
   * {@code clean, batches, records, ledgerEntries, tookMillis, findings[{code, batchId, record,
   * detail}], findingsOmitted}.
   */
  static byte[] json(AuditReport report) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      json.writeStartObject();
      json.writeBooleanField("clean", report.clean());
      json.writeNumberField("batches", report.batches());
      json.writeNumberField("records", report.records());
      json.writeNumberField("ledgerEntries", report.ledgerEntries());
      json.writeNumberField("tookMillis", report.took().toMillis());
      json.writeArrayFieldStart("findings");
      for (AuditFinding f : report.findings()) {
        json.writeStartObject();
        json.writeStringField("code", f.code());
        writeOptional(json, "batchId", f.batchId());
        writeOptional(json, "record", f.record());
        json.writeStringField("detail", f.detail());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeNumberField("findingsOmitted", report.findingsOmitted());
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // writing to memory does not fail
    }
    return out.toByteArray();
  }

  private static void writeOptional(JsonGenerator json, String name, Optional<String> value)
      throws IOException {
    json.writeStringField(name, value.orElse(null));
  }
}
