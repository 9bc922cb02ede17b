package io.shiftproof.gateway.query;

import io.shiftproof.gateway.api.ApiException;
import io.shiftproof.gateway.api.HttpErrorCode;
import io.shiftproof.records.LateEventFilter;
import io.shiftproof.schemas.wire.Rfc3339;
import io.shiftproof.schemas.wire.ValueEcho;
import io.shiftproof.schemas.wire.WorkerRefs;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Validates the path and query parameters of the query routes before any database work, and hands
 * the typed request on in the routing context. Each failure names the parameter, what it got and
 * what it wants.
 */
public final class QueryRequestValidator {
  private static final String DAY_QUERY = "shiftproof.dayQuery";
  private static final String STATUS_QUERY = "shiftproof.statusQuery";
  private static final String LATE_EVENT_QUERY = "shiftproof.lateEventQuery";
  private static final int DEFAULT_LIMIT = 100;
  private static final int MAX_LIMIT = 1000;
  private static final int MAX_PLATFORM_CHARS = 256;
  private static final String INSTANT_EXAMPLE = "2026-11-28T14:02:11+08:00";

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd", Locale.ROOT)
          .withResolverStyle(ResolverStyle.STRICT);

  private QueryRequestValidator() {}

  /** Route handler for {@code /v1/workers/:workerRef/days/:day[?version=N]}. */
  public static void validateDay(RoutingContext ctx) {
    String workerRef = workerRef(ctx);
    LocalDate day = day(ctx.pathParam("day"));
    OptionalInt version = version(ctx.queryParam("version"));
    ctx.put(DAY_QUERY, new DayQuery(workerRef, day, version));
    ctx.next();
  }

  /** Route handler for {@code /v1/workers/:workerRef/status?at=...}. */
  public static void validateStatus(RoutingContext ctx) {
    String workerRef = workerRef(ctx);
    Instant at = instant(ctx.queryParam("at"));
    ctx.put(STATUS_QUERY, new StatusQuery(workerRef, at));
    ctx.next();
  }

  /** Route handler for {@code /v1/late-events[?workerRef=&platform=&limit=&before=]}. */
  public static void validateLateEvents(RoutingContext ctx) {
    Optional<String> workerRef =
        optional("workerRef", ctx.queryParam("workerRef"), HttpErrorCode.INVALID_WORKER_REF)
            .map(QueryRequestValidator::workerRef);
    Optional<String> platform =
        optional("platform", ctx.queryParam("platform"), HttpErrorCode.BAD_REQUEST)
            .map(QueryRequestValidator::platform);
    int limit = limit(ctx.queryParam("limit"));
    List<String> before = ctx.queryParam("before");
    Optional<Instant> cursor =
        before.isEmpty() ? Optional.empty() : Optional.of(instant("before", before));
    ctx.put(
        LATE_EVENT_QUERY,
        new LateEventQuery(new LateEventFilter(workerRef, platform), cursor, limit));
    ctx.next();
  }

  /** The request {@link #validateDay} accepted. */
  public static DayQuery dayQuery(RoutingContext ctx) {
    return ctx.get(DAY_QUERY);
  }

  /** The request {@link #validateStatus} accepted. */
  public static StatusQuery statusQuery(RoutingContext ctx) {
    return ctx.get(STATUS_QUERY);
  }

  /** The request {@link #validateLateEvents} accepted. */
  public static LateEventQuery lateEventQuery(RoutingContext ctx) {
    return ctx.get(LATE_EVENT_QUERY);
  }

  private static String workerRef(RoutingContext ctx) {
    return workerRef(ctx.pathParam("workerRef"));
  }

  /** The pseudonym, or {@code INVALID_WORKER_REF} saying what a workerRef looks like. */
  public static String workerRef(String text) {
    if (text == null || !WorkerRefs.isWorkerRef(text)) {
      throw HttpErrorCode.INVALID_WORKER_REF.exception(
          "workerRef: got " + echo(text) + ", want " + WorkerRefs.WANTED);
    }
    return text;
  }

  static LocalDate day(String text) {
    ApiException invalid =
        HttpErrorCode.INVALID_DATE.exception(
            "day: got " + echo(text) + ", want a calendar date as yyyy-MM-dd, e.g. 2026-11-28");
    // The length check keeps out the signed, more-than-four-digit years the pattern also reads.
    if (text == null || text.length() != 10) {
      throw invalid;
    }
    try {
      return LocalDate.parse(text, DATE);
    } catch (DateTimeParseException e) {
      throw invalid;
    }
  }

  static OptionalInt version(List<String> values) {
    if (values.isEmpty()) {
      return OptionalInt.empty();
    }
    String text = values.get(0);
    ApiException invalid =
        HttpErrorCode.INVALID_VERSION.exception(
            "version: got "
                + (values.size() > 1 ? values.size() + " values" : echo(text))
                + ", want one whole number 1 or more (omit it for the latest version)");
    if (values.size() > 1
        || text.isEmpty()
        || text.length() > 9
        || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw invalid;
    }
    int version = Integer.parseInt(text);
    if (version < 1) {
      throw invalid;
    }
    return OptionalInt.of(version);
  }

  static Instant instant(List<String> values) {
    return instant("at", values);
  }

  static Instant instant(String name, List<String> values) {
    if (values.isEmpty()) {
      throw HttpErrorCode.INVALID_INSTANT.exception(
          name
              + ": got nothing, want an RFC 3339 date-time with offset such as "
              + INSTANT_EXAMPLE);
    }
    String text = values.get(0);
    if (values.size() == 1) {
      Instant at = Rfc3339.parseOrNull(text);
      if (at != null) {
        return at;
      }
    }
    // A '+' in a query string decodes to a space, the most common way to get this wrong.
    String hint = text.contains(" ") ? " (send a '+' offset as %2B in the query string)" : "";
    throw HttpErrorCode.INVALID_INSTANT.exception(
        name
            + ": got "
            + (values.size() > 1 ? values.size() + " values" : echo(text))
            + ", want one RFC 3339 date-time with offset such as "
            + INSTANT_EXAMPLE
            + hint);
  }

  static int limit(List<String> values) {
    if (values.isEmpty()) {
      return DEFAULT_LIMIT;
    }
    String text = values.get(0);
    ApiException invalid =
        HttpErrorCode.INVALID_LIMIT.exception(
            "limit: got "
                + (values.size() > 1 ? values.size() + " values" : echo(text))
                + ", want one whole number from 1 to "
                + MAX_LIMIT
                + " (omit it for "
                + DEFAULT_LIMIT
                + ")");
    if (values.size() > 1
        || text.isEmpty()
        || text.length() > 9
        || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw invalid;
    }
    int limit = Integer.parseInt(text);
    if (limit < 1 || limit > MAX_LIMIT) {
      throw invalid;
    }
    return limit;
  }

  private static String platform(String text) {
    if (text.isEmpty() || text.length() > MAX_PLATFORM_CHARS) {
      throw HttpErrorCode.BAD_REQUEST.exception(
          "platform: got "
              + echo(text)
              + ", want the platform's organisation name from its certificate, e.g. platform-1");
    }
    return text;
  }

  /** An optional query parameter, which may be given at most once. */
  private static Optional<String> optional(String name, List<String> values, HttpErrorCode code) {
    if (values.size() > 1) {
      throw code.exception(name + ": got " + values.size() + " values, want at most one");
    }
    return values.stream().findFirst();
  }

  /** The value as the client sent it, quoted and shortened so a huge value cannot bloat errors. */
  private static String echo(String text) {
    return text == null ? "nothing" : ValueEcho.quote(text);
  }
}
