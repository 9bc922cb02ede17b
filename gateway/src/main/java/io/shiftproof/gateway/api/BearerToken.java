package io.shiftproof.gateway.api;

import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import java.util.regex.Pattern;

/**
 * Reads a worker's access token from {@code Authorization: Bearer wt_…} (docs/design.md §7.5). Only
 * the token's shape is checked here, before the body is read; whether it is valid is the route's
 * work, off the event loop.
 */
public final class BearerToken implements PlatformHandler {
  /** {@code wt_} and 43 base64url characters: 32 random bytes. */
  public static final Pattern SHAPE = Pattern.compile("wt_[A-Za-z0-9_-]{43}");

  private static final String KEY = "shiftproof.workerToken";

  @Override
  public void handle(RoutingContext ctx) {
    String header = ctx.request().getHeader("authorization");
    String token =
        header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
            ? header.substring(7).trim()
            : null;
    if (token == null || !SHAPE.matcher(token).matches()) {
      ctx.response().putHeader("www-authenticate", "Bearer");
      ctx.fail(
          HttpErrorCode.INVALID_TOKEN.exception(
              "authorization: got "
                  + (header == null ? "nothing" : "a header that is not a worker token")
                  + ", want Bearer wt_ followed by 43 base64url characters (the token on the"
                  + " claim receipt, or one issued through your platform)"));
      return;
    }
    ctx.put(KEY, token);
    ctx.next();
  }

  /** The token of this request, as the handler read it. */
  public static String token(RoutingContext ctx) {
    return ctx.get(KEY);
  }
}
