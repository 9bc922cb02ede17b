package io.shiftproof.gateway.query;

import io.shiftproof.gateway.http.HttpErrorCode;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /v1/workers/:workerRef/days/:day} and {@code GET /v1/workers/:workerRef/status}: day
 * records and the status at an instant, for insurers and the operator. Runs after {@link
 * QueryRequestValidator}.
 *
 * <p>The lookups run on a worker thread: they block on PostgreSQL, which may not hold an event
 * loop.
 */
public final class DayRecordQueryHandler {
  private static final Logger LOG = LoggerFactory.getLogger(DayRecordQueryHandler.class);
  private final DayRecordLookup lookup;

  public DayRecordQueryHandler(DayRecordLookup lookup) {
    this.lookup = lookup;
  }

  public void day(RoutingContext ctx) {
    DayQuery query = QueryRequestValidator.dayQuery(ctx);
    answer(ctx, () -> lookup.day(query), QueryResponses::day);
  }

  public void status(RoutingContext ctx) {
    StatusQuery query = QueryRequestValidator.statusQuery(ctx);
    answer(ctx, () -> lookup.status(query), QueryResponses::status);
  }

  private static <T> void answer(
      RoutingContext ctx, Callable<T> blocking, Function<T, byte[]> render) {
    Future<byte[]> body = ctx.vertx().executeBlocking(() -> render.apply(blocking.call()), false);
    body.onSuccess(
            bytes ->
                ctx.response()
                    .setStatusCode(200)
                    .putHeader("content-type", "application/json")
                    .end(Buffer.buffer(bytes)))
        .onFailure(failure -> ctx.fail(clientFacing(failure)));
  }

  /** A store outage is the hub's trouble but not a bug: 503, so the client knows to retry. */
  private static Throwable clientFacing(Throwable failure) {
    if (failure instanceof RecordStoreException unavailable) {
      LOG.warn("day records unavailable: {}", unavailable.getMessage());
      return HttpErrorCode.RECORDS_UNAVAILABLE.exception(
          "the hub cannot read day records right now; retry shortly");
    }
    return failure;
  }
}
