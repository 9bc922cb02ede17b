package io.shiftproof.gateway.query;

import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /v1/workers/:workerRef/days/:day} and {@code GET /v1/workers/:workerRef/status}: day
 * records and the status at an instant, for insurers and the operator. Runs after {@link
 * QueryRequestValidator}.
 *
 * <p>The lookups run on a worker thread: they block on PostgreSQL, which may not hold an event
 * loop.
 */
public final class DayRecordQueryHandler {
  private static final String DAY_RECORDS = "day records";
  private final DayRecordLookup lookup;

  public DayRecordQueryHandler(DayRecordLookup lookup) {
    this.lookup = lookup;
  }

  public void day(RoutingContext ctx) {
    DayQuery query = QueryRequestValidator.dayQuery(ctx);
    QueryAnswers.answer(ctx, DAY_RECORDS, () -> lookup.day(query), QueryResponses::day);
  }

  public void status(RoutingContext ctx) {
    StatusQuery query = QueryRequestValidator.statusQuery(ctx);
    QueryAnswers.answer(ctx, DAY_RECORDS, () -> lookup.status(query), QueryResponses::status);
  }
}
