package io.shiftproof.gateway.query;

import io.shiftproof.gateway.api.ApiRouter;
import io.shiftproof.gateway.api.ApiRoutes;
import io.shiftproof.gateway.api.JsonAnswers;
import io.shiftproof.gateway.api.StoreOutage;
import io.shiftproof.ledger.identity.Role;
import io.shiftproof.records.RecordStoreException;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.time.ZoneId;

/**
 * {@code GET /v1/late-events}: the events stored as {@code TOO_LATE}, for the operator. They change
 * no record, so only here can anyone see them. Each request is checked by {@link
 * QueryRequestValidator} before its lookup runs.
 */
public final class LateEventQueryHandler implements ApiRoutes {
  private static final StoreOutage LATE_EVENTS =
      StoreOutage.of("read late events", RecordStoreException.class);

  private final LateEventLookup lookup;
  private final ZoneId zone;

  /**
   * @param zone the hub's working-time zone, in which the answer writes its instants
   */
  public LateEventQueryHandler(LateEventLookup lookup, ZoneId zone) {
    this.lookup = lookup;
    this.zone = zone;
  }

  @Override
  public void mount(ApiRouter router) {
    router
        .route(HttpMethod.GET, "/v1/late-events", Role.ADMIN)
        .handler(QueryRequestValidator::validateLateEvents)
        .handler(this::lateEvents);
  }

  private void lateEvents(RoutingContext ctx) {
    LateEventQuery query = QueryRequestValidator.lateEventQuery(ctx);
    JsonAnswers.answer(ctx, LATE_EVENTS, () -> QueryResponses.lateEvents(lookup.page(query), zone));
  }
}
