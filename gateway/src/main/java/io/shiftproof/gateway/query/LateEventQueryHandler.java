package io.shiftproof.gateway.query;

import io.vertx.ext.web.RoutingContext;
import java.time.ZoneId;

/**
 * {@code GET /v1/late-events}: the events stored as {@code TOO_LATE}, for the operator. They change
 * no record, so only here can anyone see them. Runs after {@link QueryRequestValidator}.
 *
 * <p>The lookup runs on a worker thread: it blocks on PostgreSQL, which may not hold an event loop.
 */
public final class LateEventQueryHandler {
  private final LateEventLookup lookup;
  private final ZoneId zone;

  /**
   * @param zone the hub's working-time zone, in which the answer writes its instants
   */
  public LateEventQueryHandler(LateEventLookup lookup, ZoneId zone) {
    this.lookup = lookup;
    this.zone = zone;
  }

  public void lateEvents(RoutingContext ctx) {
    LateEventQuery query = QueryRequestValidator.lateEventQuery(ctx);
    QueryAnswers.answer(
        ctx,
        "late events",
        () -> lookup.page(query),
        page -> QueryResponses.lateEvents(page, zone));
  }
}
