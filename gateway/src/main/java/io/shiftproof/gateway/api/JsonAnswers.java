package io.shiftproof.gateway.api;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way a route answers from blocking work (PostgreSQL, the ledger, signing): the work runs
 * on a worker thread, never on an event loop; its JSON is the {@code 200} answer; a failure of the
 * hub's own stores is a {@code 503} the client may retry, since it is trouble but not a bug.
 */
public final class JsonAnswers {
  private static final Logger LOG = LoggerFactory.getLogger(JsonAnswers.class);

  private JsonAnswers() {}

  /** Runs {@code work} on the shared worker pool and answers with its JSON. */
  public static void answer(RoutingContext ctx, StoreOutage outage, Callable<byte[]> work) {
    answer(ctx, outage, ctx.vertx().executeBlocking(work, false));
  }

  /** Runs {@code work} on a pool of its own and answers with its JSON. */
  public static void answer(
      RoutingContext ctx, DedicatedWorkers workers, StoreOutage outage, Callable<byte[]> work) {
    answer(ctx, outage, workers.executor(ctx.vertx()).executeBlocking(work, false));
  }

  private static void answer(RoutingContext ctx, StoreOutage outage, Future<byte[]> body) {
    body.onSuccess(
            bytes -> {
              if (!answered(ctx)) {
                ctx.response()
                    .setStatusCode(200)
                    .putHeader("content-type", "application/json")
                    .end(Buffer.buffer(bytes));
              }
            })
        .onFailure(
            failure -> {
              if (!answered(ctx)) {
                ctx.fail(outage.clientFacing(failure));
              }
            });
  }

  /**
   * Whether the request was already answered (it timed out) or its connection is gone: slow work
   * may finish after that, and its result is then dropped.
   */
  private static boolean answered(RoutingContext ctx) {
    if (ctx.response().ended() || ctx.response().closed()) {
      LOG.warn("{} finished after its request was answered or abandoned", ctx.request().path());
      return true;
    }
    return false;
  }
}
