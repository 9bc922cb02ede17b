package io.shiftproof.gateway.access;

import io.shiftproof.gateway.api.ApiRouter;
import io.shiftproof.gateway.api.ApiRoutes;
import io.shiftproof.gateway.api.HttpErrorCode;
import io.shiftproof.gateway.api.JsonAnswers;
import io.shiftproof.gateway.api.StoreOutage;
import io.shiftproof.ledger.identity.Role;
import io.shiftproof.records.RecordStoreException;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;

/**
 * {@code GET /v1/access-log}: every entry of the access-transparency log, newest first, each with
 * its inclusion proof once its batch is anchored (admins; docs/design.md §8.5).
 */
public final class AccessLogHandler implements ApiRoutes {
  private static final StoreOutage OUTAGE =
      StoreOutage.of("read the access log", RecordStoreException.class);
  private static final int DEFAULT_LIMIT = 100;
  private static final int MAX_LIMIT = 1000;

  private final AccessLogReader reader;
  private final ZoneId zone;

  public AccessLogHandler(AccessLogReader reader, ZoneId zone) {
    this.reader = reader;
    this.zone = zone;
  }

  @Override
  public void mount(ApiRouter router) {
    router.route(HttpMethod.GET, "/v1/access-log", Role.ADMIN).handler(this::all);
  }

  private void all(RoutingContext ctx) {
    int limit = limit(ctx.queryParam("limit"));
    JsonAnswers.answer(
        ctx,
        OUTAGE,
        () ->
            AccessLogJson.entries(reader.all(limit), zone)
                .encode()
                .getBytes(StandardCharsets.UTF_8));
  }

  /** The {@code limit} parameter: 1 to 1000, 100 when absent. */
  static int limit(List<String> values) {
    if (values.isEmpty()) {
      return DEFAULT_LIMIT;
    }
    String text = values.get(0);
    if (values.size() > 1
        || text.isEmpty()
        || text.length() > 4
        || !text.chars().allMatch(c -> c >= '0' && c <= '9')
        || Integer.parseInt(text) < 1
        || Integer.parseInt(text) > MAX_LIMIT) {
      throw HttpErrorCode.INVALID_LIMIT.exception(
          "limit: got \"" + text + "\", want one whole number 1 to " + MAX_LIMIT);
    }
    return Integer.parseInt(text);
  }
}
