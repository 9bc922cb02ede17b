package io.shiftproof.gateway.workers;

import io.shiftproof.gateway.access.AccessLogJson;
import io.shiftproof.gateway.access.AccessLogReader;
import io.shiftproof.gateway.api.ApiRouter;
import io.shiftproof.gateway.api.ApiRoutes;
import io.shiftproof.gateway.api.BearerToken;
import io.shiftproof.gateway.api.ClientIdentityHandler;
import io.shiftproof.gateway.api.DedicatedWorkers;
import io.shiftproof.gateway.api.HttpErrorCode;
import io.shiftproof.gateway.api.JsonAnswers;
import io.shiftproof.gateway.api.StoreOutage;
import io.shiftproof.gateway.claims.ClaimDesk;
import io.shiftproof.gateway.evidence.EvidenceBundles;
import io.shiftproof.gateway.evidence.EvidenceQuery;
import io.shiftproof.gateway.ingest.EventPublisher;
import io.shiftproof.gateway.query.DayQuery;
import io.shiftproof.gateway.query.DayRecordLookup;
import io.shiftproof.gateway.query.QueryRequestValidator;
import io.shiftproof.gateway.query.QueryResponses;
import io.shiftproof.gateway.tokens.WorkerTokens;
import io.shiftproof.ledger.LedgerException;
import io.shiftproof.ledger.identity.OrganisationIdentity;
import io.shiftproof.ledger.identity.Role;
import io.shiftproof.records.RecordStoreException;
import io.shiftproof.schemas.wire.Rfc3339;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * The worker's door (docs/design.md §7.5): with the token from a claim receipt, or one issued
 * through their platform, a worker reads only their own days (with proofs), claims, evidence and
 * access-log entries, and asks for fresh evidence of an incident. Platforms issue tokens for
 * workers they have sent events for, and revoke the ones they issued.
 */
public final class WorkerHandler implements ApiRoutes {
  /** The organisation evidence requested by a worker is recorded as requested by. */
  public static final String WORKER_REQUESTER = "worker";

  private static final long REQUEST_LIMIT = 4_096;
  private static final StoreOutage OUTAGE =
      StoreOutage.of(
          "serve the worker",
          RecordStoreException.class,
          LedgerException.class,
          EventPublisher.PublishException.class);

  private final DedicatedWorkers workers = new DedicatedWorkers("shiftproof-workers", 4, 60);
  private final WorkerTokens tokens;
  private final DayRecordLookup days;
  private final ClaimDesk claims;
  private final EvidenceBundles evidence;
  private final AccessLogReader accessLog;
  private final ZoneId zone;

  public WorkerHandler(
      WorkerTokens tokens,
      DayRecordLookup days,
      ClaimDesk claims,
      EvidenceBundles evidence,
      AccessLogReader accessLog,
      ZoneId zone) {
    this.tokens = tokens;
    this.days = days;
    this.claims = claims;
    this.evidence = evidence;
    this.accessLog = accessLog;
    this.zone = zone;
  }

  @Override
  public void mount(ApiRouter router) {
    router
        .workerRoute(HttpMethod.GET, "/v1/me/days/:day")
        .handler(
            ctx -> {
              LocalDate day = day(ctx.pathParam("day"));
              answer(
                  ctx,
                  worker ->
                      QueryResponses.day(days.day(new DayQuery(worker, day, OptionalInt.empty()))));
            });
    router
        .workerRoute(HttpMethod.GET, "/v1/me/claims")
        .handler(ctx -> answer(ctx, worker -> json(claims.workerClaims(worker))));
    router
        .workerRoute(HttpMethod.GET, "/v1/me/claims/:claimId")
        .handler(
            ctx -> {
              String claimId = claimId(ctx);
              answer(ctx, worker -> json(claims.workerClaim(worker, claimId)));
            });
    router
        .workerRoute(HttpMethod.GET, "/v1/me/claims/:claimId/evidence")
        .handler(
            ctx -> {
              String claimId = claimId(ctx);
              answer(ctx, worker -> claims.workerEvidence(worker, claimId));
            });
    router
        .workerRoute(HttpMethod.POST, "/v1/me/evidence")
        .handler(router.body(REQUEST_LIMIT))
        .handler(this::freshEvidence);
    router
        .workerRoute(HttpMethod.GET, "/v1/me/access-log")
        .handler(
            ctx ->
                answer(
                    ctx,
                    worker ->
                        json(AccessLogJson.entries(accessLog.entriesOf(worker, 1000), zone))));
    router
        .workerRoute(HttpMethod.POST, "/v1/me/token/revoke")
        .handler(
            ctx -> {
              String token = BearerToken.token(ctx);
              answer(
                  ctx,
                  worker ->
                      json(
                          new JsonObject()
                              .put("revoked", tokens.revoke(token, "worker", Optional.empty()))));
            });
    router
        .route(HttpMethod.POST, "/v1/worker-tokens", Role.PLATFORM)
        .handler(router.body(REQUEST_LIMIT))
        .handler(this::issue);
    router
        .route(HttpMethod.POST, "/v1/worker-tokens/revoke", Role.PLATFORM, Role.ADMIN)
        .handler(router.body(REQUEST_LIMIT))
        .handler(this::revoke);
  }

  private void freshEvidence(RoutingContext ctx) {
    JsonObject body = object(ctx, "{\"incidentAt\": \"2026-11-28T14:32:00+08:00\"}");
    if (!body.fieldNames().equals(Set.of("incidentAt"))) {
      throw HttpErrorCode.BAD_REQUEST.exception(
          "body: got fields " + body.fieldNames() + ", want only incidentAt");
    }
    Object text = body.getValue("incidentAt");
    Instant at = text instanceof String s ? Rfc3339.parseOrNull(s) : null;
    if (at == null) {
      throw HttpErrorCode.INVALID_INSTANT.exception(
          "incidentAt: got "
              + (text == null ? "nothing" : String.valueOf(text))
              + ", want an RFC 3339 instant with offset, e.g. 2026-11-28T14:32:00+08:00");
    }
    answer(ctx, worker -> evidence.bundle(new EvidenceQuery(worker, at, WORKER_REQUESTER)));
  }

  private void issue(RoutingContext ctx) {
    JsonObject body = object(ctx, "{\"workerRef\": \"wr_...\"}");
    if (!body.fieldNames().equals(Set.of("workerRef"))) {
      throw HttpErrorCode.BAD_REQUEST.exception(
          "body: got fields " + body.fieldNames() + ", want only workerRef");
    }
    Object value = body.getValue("workerRef");
    String workerRef = QueryRequestValidator.workerRef(value instanceof String s ? s : null);
    OrganisationIdentity platform = ClientIdentityHandler.identity(ctx);
    json(
        ctx,
        () -> {
          if (!tokens.platformKnowsWorker(platform.organisation(), workerRef)) {
            throw HttpErrorCode.NOT_PERMITTED.exception(
                "workerRef: "
                    + platform.organisation()
                    + " has sent no events for "
                    + workerRef
                    + " that the hub has processed; a platform issues tokens only for its own"
                    + " workers");
          }
          return new JsonObject()
              .put("workerRef", workerRef)
              .put(
                  "workerToken",
                  tokens.issue(workerRef, platform.organisation(), Optional.empty()));
        });
  }

  private void revoke(RoutingContext ctx) {
    JsonObject body = object(ctx, "{\"workerToken\": \"wt_...\"}");
    Object value = body.getValue("workerToken");
    if (!body.fieldNames().equals(Set.of("workerToken"))
        || !(value instanceof String token)
        || !BearerToken.SHAPE.matcher(token).matches()) {
      throw HttpErrorCode.INVALID_TOKEN.exception(
          "workerToken: want wt_ followed by 43 base64url characters, and no other field");
    }
    OrganisationIdentity caller = ClientIdentityHandler.identity(ctx);
    Optional<String> issuer =
        caller.role() == Role.ADMIN ? Optional.empty() : Optional.of(caller.organisation());
    json(
        ctx,
        () -> new JsonObject().put("revoked", tokens.revoke(token, caller.organisation(), issuer)));
  }

  /** Resolves the request's token to its worker off the event loop, then does the work. */
  private void answer(RoutingContext ctx, WorkerWork work) {
    String token = BearerToken.token(ctx);
    JsonAnswers.answer(
        ctx,
        workers,
        OUTAGE,
        () -> {
          String worker =
              tokens
                  .workerOf(token)
                  .orElseThrow(
                      () ->
                          HttpErrorCode.INVALID_TOKEN.exception(
                              "authorization: the token is unknown or revoked; ask your platform"
                                  + " for a new one"));
          return work.apply(worker);
        });
  }

  private void json(RoutingContext ctx, Callable<JsonObject> work) {
    JsonAnswers.answer(
        ctx, workers, OUTAGE, () -> work.call().encode().getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] json(JsonObject json) {
    return json.encode().getBytes(StandardCharsets.UTF_8);
  }

  private static JsonObject object(RoutingContext ctx, String example) {
    try {
      JsonObject body =
          ctx.body() == null || ctx.body().length() == 0 ? null : ctx.body().asJsonObject();
      if (body == null) {
        throw HttpErrorCode.EMPTY_BODY.exception("body: got nothing, want " + example);
      }
      return body;
    } catch (DecodeException | ClassCastException e) {
      throw HttpErrorCode.BAD_REQUEST.exception("body: not a JSON object, want " + example);
    }
  }

  private static LocalDate day(String text) {
    try {
      if (text != null && text.length() == 10) {
        return LocalDate.parse(text);
      }
    } catch (java.time.format.DateTimeParseException e) {
      // answered below
    }
    throw HttpErrorCode.INVALID_DATE.exception(
        "day: got \"" + text + "\", want a calendar date as yyyy-MM-dd, e.g. 2026-11-28");
  }

  private static String claimId(RoutingContext ctx) {
    String claimId = ctx.pathParam("claimId");
    if (claimId == null || !claimId.matches("[\\x21-\\x7e]{1,128}")) {
      throw HttpErrorCode.INVALID_CLAIM_ID.exception(
          "claimId: want 1 to 128 printable ASCII characters without spaces");
    }
    return claimId;
  }

  /** Work done for the worker a token opens. */
  @FunctionalInterface
  private interface WorkerWork {
    byte[] apply(String workerRef) throws Exception;
  }
}
