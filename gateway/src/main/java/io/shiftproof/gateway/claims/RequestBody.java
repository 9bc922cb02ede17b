package io.shiftproof.gateway.claims;

import io.shiftproof.gateway.api.HttpErrorCode;
import io.shiftproof.schemas.wire.Rfc3339;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A request's JSON object body, read strictly: only the members a route knows, each of the right
 * type, every failure naming the member, what it got and what it wants.
 */
final class RequestBody {
  /** References, ids and payment references: printable ASCII without spaces. */
  private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7e]{1,128}");

  private static final int MAX_ECHO = 60;

  private final JsonObject body;

  private RequestBody(JsonObject body) {
    this.body = body;
  }

  /** The body, refused unless it is a JSON object with only {@code allowed} members. */
  static RequestBody of(RoutingContext ctx, Set<String> allowed, String example) {
    JsonObject body;
    try {
      body = ctx.body() == null || ctx.body().length() == 0 ? null : ctx.body().asJsonObject();
    } catch (DecodeException | ClassCastException e) {
      throw HttpErrorCode.BAD_REQUEST.exception("body: not a JSON object, want " + example);
    }
    if (body == null) {
      throw HttpErrorCode.EMPTY_BODY.exception("body: got nothing, want " + example);
    }
    for (String field : body.fieldNames()) {
      if (!allowed.contains(field)) {
        throw HttpErrorCode.BAD_REQUEST.exception(
            "body: got unknown field \"" + echo(field) + "\", want only " + allowed);
      }
    }
    return new RequestBody(body);
  }

  Optional<String> optionalString(String field, HttpErrorCode code, String want) {
    Object value = body.getValue(field);
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof String text)) {
      throw code.exception(field + ": got " + echo(value) + ", want " + want);
    }
    return Optional.of(text);
  }

  String string(String field, HttpErrorCode code, String want) {
    return optionalString(field, code, want)
        .orElseThrow(() -> code.exception(field + ": got nothing, want " + want));
  }

  /** A reference or id: 1 to 128 printable ASCII characters without spaces. */
  String token(String field, HttpErrorCode code) {
    String want = "1 to 128 printable ASCII characters without spaces";
    String text = string(field, code, want);
    if (!TOKEN.matcher(text).matches()) {
      throw code.exception(field + ": got " + echo(text) + ", want " + want);
    }
    return text;
  }

  Instant instant(String field, HttpErrorCode code) {
    String want = "an RFC 3339 instant with offset, e.g. 2026-11-28T14:32:00+08:00";
    String text = string(field, code, want);
    Instant at = Rfc3339.parseOrNull(text);
    if (at == null) {
      throw code.exception(field + ": got " + echo(text) + ", want " + want);
    }
    return at;
  }

  long wholeNumber(String field, HttpErrorCode code, long max) {
    Object value = body.getValue(field);
    String want = "a whole number from 0 to " + max;
    if (!(value instanceof Integer || value instanceof Long)) {
      throw code.exception(field + ": got " + echo(value) + ", want " + want);
    }
    long number = ((Number) value).longValue();
    if (number < 0 || number > max) {
      throw code.exception(field + ": got " + number + ", want " + want);
    }
    return number;
  }

  List<String> strings(String field, HttpErrorCode code, int maxItems, int maxChars) {
    Object value = body.getValue(field);
    String want =
        "an array of at most " + maxItems + " strings of 1 to " + maxChars + " characters";
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof JsonArray array) || array.size() > maxItems) {
      throw code.exception(field + ": got " + echo(value) + ", want " + want);
    }
    List<String> strings = new ArrayList<>();
    for (Object item : array) {
      if (!(item instanceof String text) || text.isBlank() || text.length() > maxChars) {
        throw code.exception(field + ": got an item " + echo(item) + ", want " + want);
      }
      strings.add(text);
    }
    return strings;
  }

  static String echo(Object value) {
    if (value == null) {
      return "nothing";
    }
    String text = value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    return text.length() > MAX_ECHO ? text.substring(0, MAX_ECHO) + "..." : text;
  }
}
