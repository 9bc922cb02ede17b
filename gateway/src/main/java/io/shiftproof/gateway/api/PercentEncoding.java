package io.shiftproof.gateway.api;

import io.shiftproof.schemas.wire.ValueEcho;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;

/**
 * Refuses a request target (path and query) whose percent-encoding is broken, such as {@code %zz}
 * or a trailing {@code %}, with {@code 400 BAD_REQUEST}, before any route decodes it: decoding it
 * later would fail inside the router or a handler and surface as an internal error.
 */
public final class PercentEncoding implements PlatformHandler {

  @Override
  public void handle(RoutingContext ctx) {
    String target = ctx.request().uri();
    if (!wellFormed(target)) {
      ctx.fail(
          HttpErrorCode.BAD_REQUEST.exception(
              "request target: got "
                  + ValueEcho.quote(target)
                  + ", want every % followed by two hex digits (send a literal % as %25)"));
      return;
    }
    ctx.next();
  }

  /** Whether every {@code %} in {@code text} starts an escape of two hexadecimal digits. */
  static boolean wellFormed(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '%') {
        if (i + 2 >= text.length() || !hex(text.charAt(i + 1)) || !hex(text.charAt(i + 2))) {
          return false;
        }
        i += 2;
      }
    }
    return true;
  }

  private static boolean hex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
