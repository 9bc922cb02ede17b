package io.shiftproof.gateway.query;

import io.shiftproof.gateway.api.ApiRouter;
import io.shiftproof.gateway.api.ApiRoutes;
import io.shiftproof.gateway.api.JsonAnswers;
import io.shiftproof.gateway.api.StoreOutage;
import io.shiftproof.ledger.identity.Role;
import io.shiftproof.records.RecordStoreException;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /v1/workers/:workerRef/days/:day} and {@code GET /v1/workers/:workerRef/status}: day
 * records and the status at an instant, for insurers and the operator. Each request is checked by
 * {@link QueryRequestValidator} before its lookup runs.
 */
public final class DayRecordQueryHandler implements ApiRoutes {
  /** A store outage is the hub's trouble but not a bug: 503, so the client knows to retry. */
  static final StoreOutage RECORDS = StoreOutage.of("read day records", RecordStoreException.class);

  private final DayRecordLookup lookup;

  public DayRecordQueryHandler(DayRecordLookup lookup) {
    this.lookup = lookup;
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
    JsonAnswers.answer(ctx, RECORDS, () -> QueryResponses.day(lookup.day(query)));
  }

  private void status(RoutingContext ctx) {
    StatusQuery query = QueryRequestValidator.statusQuery(ctx);
    JsonAnswers.answer(ctx, RECORDS, () -> QueryResponses.status(lookup.status(query)));
  }
}
