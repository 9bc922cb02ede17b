package io.shiftproof.gateway.evidence;

import io.shiftproof.gateway.access.ReadPurpose;
import io.shiftproof.gateway.access.WorkerDataAccess;
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
import io.shiftproof.ledger.evidence.EvidenceRequest;
import io.shiftproof.ledger.identity.OrganisationIdentity;
import io.shiftproof.ledger.identity.Role;
import io.shiftproof.records.RecordStoreException;
import io.shiftproof.schemas.wire.Rfc3339;
import io.shiftproof.schemas.wire.ValueEcho;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
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
  private final WorkerDataAccess access;
  private final ZoneId zone;

  /** The route without purpose binding or access log, for tests of the evidence route alone. */
  public EvidenceHandler(EvidenceBundles bundles) {
    this(bundles, WorkerDataAccess.UNBOUND, ZoneId.of("Asia/Shanghai"));
  }

  /**
   * @param access who may read which days of a worker (docs/design.md §8.5), and the log of reads
   * @param zone the hub's working-time zone, which decides the local days of the window
   */
  public EvidenceHandler(EvidenceBundles bundles, WorkerDataAccess access, ZoneId zone) {
    this.bundles = bundles;
    this.access = access;
    this.zone = zone;
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
    OrganisationIdentity caller = ClientIdentityHandler.identity(ctx);
    JsonAnswers.answer(
        ctx,
        workers,
        OUTAGE,
        () -> {
          ReadPurpose purpose =
              access.authorize(caller, query.workerRef(), windowDays(query, zone));
          byte[] bundle = bundles.bundle(query);
          access.logRead(
              caller,
              purpose,
              query.workerRef(),
              "evidence " + Rfc3339.format(query.incidentAt(), zone),
              versions(bundle));
          return bundle;
        });
  }

  /** The local days of an incident's evidence window [t − 2 h, t + 2 h]. */
  public static Set<LocalDate> windowDays(EvidenceQuery query, ZoneId zone) {
    EvidenceRequest request = new EvidenceRequest(query.workerRef(), query.incidentAt(), zone);
    Set<LocalDate> days = new TreeSet<>();
    LocalDate last = request.windowTo().atZone(zone).toLocalDate();
    for (LocalDate day = request.windowFrom().atZone(zone).toLocalDate();
        !day.isAfter(last);
        day = day.plusDays(1)) {
      days.add(day);
    }
    return days;
  }

  /** The record versions a bundle holds, as the access log names them: "2026-11-28 v2, ...". */
  public static String versions(byte[] bundle) {
    JsonArray records = new JsonObject(Buffer.buffer(bundle)).getJsonArray("records");
    List<String> versions = new ArrayList<>();
    for (Object record : records == null ? new JsonArray() : records) {
      JsonObject r = (JsonObject) record;
      versions.add(r.getString("day") + " v" + r.getValue("version"));
    }
    return versions.isEmpty() ? "none" : String.join(", ", versions);
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
