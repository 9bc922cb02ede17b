package io.shiftproof.gateway.evidence;

import io.shiftproof.gateway.api.ApiRouter;
import io.shiftproof.gateway.api.ApiRoutes;
import io.shiftproof.gateway.api.ClientIdentityHandler;
import io.shiftproof.gateway.api.DedicatedWorkers;
import io.shiftproof.gateway.api.HttpErrorCode;
import io.shiftproof.gateway.api.JsonAnswers;
import io.shiftproof.gateway.api.StoreOutage;
import io.shiftproof.gateway.ingest.EventPublisher;
import io.shiftproof.gateway.query.QueryRequestValidator;
import io.shiftproof.ledger.LedgerException;
import io.shiftproof.ledger.identity.Role;
import io.shiftproof.records.RecordStoreException;
import io.shiftproof.schemas.wire.Rfc3339;
import io.shiftproof.schemas.wire.ValueEcho;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code POST /v1/evidence} with {@code {"workerRef": "wr_…", "incidentAt": "<RFC 3339>"}} and
 * optionally {@code "claimId"}: the self-verifying evidence bundle for an incident (insurers and
 * the operator), bound to the requester and the claim. The bundle is built on a worker thread: it
 * reads PostgreSQL, writes the access log and signs.
 */
public final class EvidenceHandler implements ApiRoutes {
  /** An evidence request is two short fields; anything much larger is not one. */
  private static final long REQUEST_LIMIT = 4_096;

  /** Failures that mean a store the evidence needs is unavailable, not a bug. */
  private static final StoreOutage OUTAGE =
      StoreOutage.of(
          "assemble evidence",
          RecordStoreException.class,
          LedgerException.class,
          EventPublisher.PublishException.class);

  private static final Set<String> FIELDS = Set.of("workerRef", "incidentAt", "claimId");

  /** A claim id as the ledger keeps ids: short, printable, no spaces. */
  private static final Pattern CLAIM_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  private static final String EXAMPLE =
      "{\"workerRef\": \"wr_...\", \"incidentAt\": \"2026-11-28T14:32:00+08:00\"}";

  /** Requests may wait for an interim version: they get threads of their own. */
  private final DedicatedWorkers workers = new DedicatedWorkers("shiftproof-evidence", 4, 60);

  private final EvidenceBundles bundles;

  public EvidenceHandler(EvidenceBundles bundles) {
    this.bundles = bundles;
  }

  @Override
  public void mount(ApiRouter router) {
    router
        .route(HttpMethod.POST, "/v1/evidence", Role.INSURER, Role.ADMIN)
        .handler(router.body(REQUEST_LIMIT))
        .handler(this::evidence);
  }

  private void evidence(RoutingContext ctx) {
    EvidenceQuery query = parse(ctx);
    JsonAnswers.answer(ctx, workers, OUTAGE, () -> bundles.bundle(query));
  }

  private static EvidenceQuery parse(RoutingContext ctx) {
    JsonObject body;
    try {
      body = ctx.body() == null ? null : ctx.body().asJsonObject();
    } catch (DecodeException | ClassCastException e) {
      throw HttpErrorCode.BAD_REQUEST.exception("body: not a JSON object, want " + EXAMPLE);
    }
    if (body == null) {
      throw HttpErrorCode.EMPTY_BODY.exception("body: got nothing, want " + EXAMPLE);
    }
    for (String field : body.fieldNames()) {
      if (!FIELDS.contains(field)) {
        throw HttpErrorCode.BAD_REQUEST.exception(
            "body: got unknown field "
                + ValueEcho.quote(field)
                + ", want only workerRef, incidentAt and claimId");
      }
    }
    Object workerRef = body.getValue("workerRef");
    String ref = QueryRequestValidator.workerRef(workerRef instanceof String s ? s : null);
    Object incidentAt = body.getValue("incidentAt");
    Instant at = incidentAt instanceof String s ? Rfc3339.parseOrNull(s) : null;
    if (at == null) {
      throw HttpErrorCode.INVALID_INSTANT.exception(
          "incidentAt: got "
              + (incidentAt == null ? "nothing" : ValueEcho.quote(String.valueOf(incidentAt)))
              + ", want an RFC 3339 instant with offset, e.g. 2026-11-28T14:32:00+08:00");
    }
    Object claimId = body.getValue("claimId");
    if (claimId != null && !(claimId instanceof String id && CLAIM_ID.matcher(id).matches())) {
      throw HttpErrorCode.BAD_REQUEST.exception(
          "claimId: got "
              + ValueEcho.quote(String.valueOf(claimId))
              + ", want 1 to 128 letters, digits, '.', '_', ':' or '-'");
    }
    return new EvidenceQuery(
        ref,
        at,
        ClientIdentityHandler.identity(ctx).organisation(),
        Optional.ofNullable((String) claimId));
  }
}
