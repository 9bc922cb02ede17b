package io.shiftproof.gateway.query;

import io.shiftproof.gateway.access.ReadPurpose;
import io.shiftproof.gateway.access.WorkerDataAccess;
import io.shiftproof.gateway.api.ApiRouter;
import io.shiftproof.gateway.api.ApiRoutes;
import io.shiftproof.gateway.api.ClientIdentityHandler;
import io.shiftproof.gateway.api.JsonAnswers;
import io.shiftproof.gateway.api.StoreOutage;
import io.shiftproof.ledger.identity.OrganisationIdentity;
import io.shiftproof.ledger.identity.Role;
import io.shiftproof.records.RecordStoreException;
import io.shiftproof.records.StoredDayRecord;
import io.shiftproof.schemas.wire.Rfc3339;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;

/**
 * {@code GET /v1/workers/:workerRef/days/:day} and {@code GET /v1/workers/:workerRef/status}: day
 * records and the status at an instant, for insurers and the operator. Each request is checked by
 * {@link QueryRequestValidator} before its lookup runs.
 */
public final class DayRecordQueryHandler implements ApiRoutes {
  /** A store outage is the hub's trouble but not a bug: 503, so the client knows to retry. */
  static final StoreOutage RECORDS = StoreOutage.of("read day records", RecordStoreException.class);

  private final DayRecordLookup lookup;
  private final WorkerDataAccess access;
  private final ZoneId zone;

  /** Routes without purpose binding or access log, for tests of the queries alone. */
  public DayRecordQueryHandler(DayRecordLookup lookup) {
    this(lookup, WorkerDataAccess.UNBOUND, ZoneId.of("Asia/Shanghai"));
  }

  /**
   * @param access who may read which days of a worker (docs/design.md §8.5), and the log of reads
   * @param zone the hub's working-time zone, which decides the local day of a status instant
   */
  public DayRecordQueryHandler(DayRecordLookup lookup, WorkerDataAccess access, ZoneId zone) {
    this.lookup = lookup;
    this.access = access;
    this.zone = zone;
  }

  @Override
  public void mount(ApiRouter router) {
    router
        .route(HttpMethod.GET, "/v1/workers/:workerRef/days/:day", Role.INSURER, Role.ADMIN)
        .handler(QueryRequestValidator::validateDay)
        .handler(this::day);
    router
        .route(HttpMethod.GET, "/v1/workers/:workerRef/status", Role.INSURER, Role.ADMIN)
        .handler(QueryRequestValidator::validateStatus)
        .handler(this::status);
  }

  private void day(RoutingContext ctx) {
    DayQuery query = QueryRequestValidator.dayQuery(ctx);
    OrganisationIdentity caller = ClientIdentityHandler.identity(ctx);
    JsonAnswers.answer(
        ctx,
        RECORDS,
        () -> {
          ReadPurpose purpose = access.authorize(caller, query.workerRef(), Set.of(query.day()));
          StoredDayRecord record = lookup.day(query);
          access.logRead(
              caller,
              purpose,
              query.workerRef(),
              "day " + query.day(),
              query.day() + " v" + record.record().getVersion());
          return QueryResponses.day(record);
        });
  }

  private void status(RoutingContext ctx) {
    StatusQuery query = QueryRequestValidator.statusQuery(ctx);
    OrganisationIdentity caller = ClientIdentityHandler.identity(ctx);
    LocalDate day = query.at().atZone(zone).toLocalDate();
    JsonAnswers.answer(
        ctx,
        RECORDS,
        () -> {
          ReadPurpose purpose = access.authorize(caller, query.workerRef(), Set.of(day));
          WorkerStatus status = lookup.status(query);
          access.logRead(
              caller,
              purpose,
              query.workerRef(),
              "status " + Rfc3339.format(query.at(), zone),
              day + " v" + status.recordVersion());
          return QueryResponses.status(status);
        });
  }
}
