package io.shiftproof.gateway.stats;

import io.shiftproof.gateway.api.ApiRouter;
import io.shiftproof.gateway.api.ApiRoutes;
import io.shiftproof.gateway.api.HttpErrorCode;
import io.shiftproof.gateway.api.JsonAnswers;
import io.shiftproof.gateway.api.StoreOutage;
import io.shiftproof.ledger.identity.Role;
import io.shiftproof.records.RecordStoreException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * {@code GET /v1/stats/working-time} and {@code GET /v1/stats/claims} with {@code
 * ?from=yyyy-MM-dd&to=yyyy-MM-dd}: aggregates by platform and local day, for regulators and the
 * operator, no individual data, every cell under {@value Suppression#MIN_WORKERS} workers
 * suppressed (docs/design.md §8.5).
 */
public final class StatsHandler implements ApiRoutes {
  /** The longest range one request may ask for. */
  static final int MAX_DAYS = 92;

  private static final StoreOutage OUTAGE =
      StoreOutage.of("compute aggregates", RecordStoreException.class);

  private final Statistics statistics;

  public StatsHandler(Statistics statistics) {
    this.statistics = statistics;
  }

  @Override
  public void mount(ApiRouter router) {
    router
        .route(HttpMethod.GET, "/v1/stats/working-time", Role.REGULATOR, Role.ADMIN)
        .handler(
            ctx -> {
              LocalDate[] range = range(ctx);
              answer(ctx, range, () -> statistics.workingTime(range[0], range[1]).toJson());
            });
    router
        .route(HttpMethod.GET, "/v1/stats/claims", Role.REGULATOR, Role.ADMIN)
        .handler(
            ctx -> {
              LocalDate[] range = range(ctx);
              answer(ctx, range, () -> statistics.claims(range[0], range[1]).toJson());
            });
  }

  private static void answer(
      RoutingContext ctx,
      LocalDate[] range,
      java.util.function.Supplier<io.vertx.core.json.JsonArray> cells) {
    JsonAnswers.answer(
        ctx,
        OUTAGE,
        () ->
            new JsonObject()
                .put("from", range[0].toString())
                .put("to", range[1].toString())
                .put("minWorkersPerCell", Suppression.MIN_WORKERS)
                .put("cells", cells.get())
                .encode()
                .getBytes(StandardCharsets.UTF_8));
  }

  private static LocalDate[] range(RoutingContext ctx) {
    LocalDate from = date("from", ctx.queryParam("from"));
    LocalDate to = date("to", ctx.queryParam("to"));
    if (to.isBefore(from) || ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
      throw HttpErrorCode.INVALID_DATE.exception(
          "to: got "
              + to
              + ", want a day from "
              + from
              + " to "
              + from.plusDays(MAX_DAYS - 1)
              + " (at most "
              + MAX_DAYS
              + " days per request)");
    }
    return new LocalDate[] {from, to};
  }

  private static LocalDate date(String name, List<String> values) {
    String text = values.size() == 1 ? values.get(0) : null;
    try {
      if (text != null && text.length() == 10) {
        return LocalDate.parse(text);
      }
    } catch (DateTimeParseException e) {
      // answered below
    }
    throw HttpErrorCode.INVALID_DATE.exception(
        name
            + ": got "
            + (values.isEmpty()
                ? "nothing"
                : values.size() > 1 ? values.size() + " values" : "\"" + text + "\"")
            + ", want one calendar date as yyyy-MM-dd, e.g. 2026-11-28");
  }
}
