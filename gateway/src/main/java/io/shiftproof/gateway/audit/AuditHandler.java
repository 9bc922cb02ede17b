package io.shiftproof.gateway.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.shiftproof.gateway.api.ApiRouter;
import io.shiftproof.gateway.api.ApiRoutes;
import io.shiftproof.gateway.api.DedicatedWorkers;
import io.shiftproof.gateway.api.HttpErrorCode;
import io.shiftproof.gateway.api.JsonAnswers;
import io.shiftproof.gateway.api.StoreOutage;
import io.shiftproof.ledger.LedgerException;
import io.shiftproof.ledger.SignedLedgerHead;
import io.shiftproof.ledger.identity.Role;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code GET /v1/audit} (admin): runs a {@link RecordAudit} and answers with its report, 200 even
 * when it found something — the audit ran; {@code clean} says what it found. {@code POST /v1/audit}
 * with a ledger head kept earlier ({@code GET /v1/ledger/head}) as its body runs the same audit and
 * also checks that the log still holds that head. Runs on a pool of one thread of its own (per
 * hub), so audits run one at a time across all gateway instances: each reads every stored version.
 * It has {@link #TIMEOUT} rather than the gateway's request timeout, since it grows with the
 * history.
 */
public final class AuditHandler implements ApiRoutes {
  /** How long an audit request may take, queueing behind another audit included. */
  public static final Duration TIMEOUT = Duration.ofMinutes(10);

  /** Failures that mean the records or the ledger cannot be read right now, not a bug. */
  private static final StoreOutage OUTAGE =
      StoreOutage.of("read its records", SQLException.class, LedgerException.class);

  /** A kept head is about 250 bytes of JSON. */
  private static final long HEAD_LIMIT = 4_096;

  private static final JsonFactory FACTORY = new JsonFactory();
  private final DedicatedWorkers workers =
      new DedicatedWorkers("shiftproof-audit", 1, TIMEOUT.toSeconds());

  private final Auditor auditor;

  public AuditHandler(Auditor auditor) {
    this.auditor = auditor;
  }

  @Override
  public void mount(ApiRouter router) {
    // The audit re-reads the whole history: it has a budget of its own.
    router.route(HttpMethod.GET, "/v1/audit", TIMEOUT, Role.ADMIN).handler(this::audit);
    router
        .route(HttpMethod.POST, "/v1/audit", TIMEOUT, Role.ADMIN)
        .handler(router.body(HEAD_LIMIT))
        .handler(this::auditAgainstKeptHead);
  }

  private void audit(RoutingContext ctx) {
    JsonAnswers.answer(ctx, workers, OUTAGE, () -> json(auditor.run(Optional.empty())));
  }

  private void auditAgainstKeptHead(RoutingContext ctx) {
    // No buffer at all when the request had no body (not even an empty one).
    Buffer body = ctx.body().buffer();
    if (body == null || body.length() == 0) {
      throw HttpErrorCode.EMPTY_BODY.exception(
          "body: got nothing, want a ledger head as GET /v1/ledger/head answered it");
    }
    SignedLedgerHead kept;
    try {
      kept = SignedLedgerHead.fromJson(body.getBytes());
    } catch (IllegalArgumentException e) {
      throw HttpErrorCode.BAD_REQUEST.exception(
          "body: not a ledger head ("
              + e.getMessage()
              + "), want what GET /v1/ledger/head answered");
    }
    JsonAnswers.answer(ctx, workers, OUTAGE, () -> json(auditor.run(Optional.of(kept))));
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
