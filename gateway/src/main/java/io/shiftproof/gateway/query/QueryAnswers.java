package io.shiftproof.gateway.query;

import io.shiftproof.gateway.http.HttpErrorCode;
import io.shiftproof.records.RecordStoreException;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a query route's lookup on a worker thread, since it blocks on PostgreSQL, which may not hold
 * an event loop, and answers with its JSON.
 */
final class QueryAnswers {
  private static final Logger LOG = LoggerFactory.getLogger(QueryAnswers.class);

  private QueryAnswers() {}

  /**
   * @param what what the store holds, for the log and the client's message, e.g. "day records"
   */
  static <T> void answer(
      RoutingContext ctx, String what, Callable<T> blocking, Function<T, byte[]> render) {
    Future<byte[]> body = ctx.vertx().executeBlocking(() -> render.apply(blocking.call()), false);
    body.onSuccess(
            bytes ->
                ctx.response()
                    .setStatusCode(200)
                    .putHeader("content-type", "application/json")
                    .end(Buffer.buffer(bytes)))
        .onFailure(failure -> ctx.fail(clientFacing(what, failure)));
  }

  /** A store outage is the hub's trouble but not a bug: 503, so the client knows to retry. */
  private static Throwable clientFacing(String what, Throwable failure) {
    if (failure instanceof RecordStoreException unavailable) {
      LOG.warn("{} unavailable: {}", what, unavailable.getMessage());
      return HttpErrorCode.RECORDS_UNAVAILABLE.exception(
          "the hub cannot read " + what + " right now; retry shortly");
    }
    return failure;
  }
}
