package io.shiftproof.gateway.api;

import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;

/**
 * The body limit on every path, before routing: a request whose {@code content-length} exceeds the
 * gateway's largest body is answered {@code 413 BODY_TOO_LARGE} whatever its path or method, and
 * without reading a byte of it. A body that is streamed (chunked) is counted as it arrives by the
 * routes that read one ({@link ApiRouter#body}), which answer {@code 413} at the limit.
 *
 * <p>Whenever the hub answers before a request's body has been read (a refused size, role or path,
 * or a route that takes no body), the answer says {@code connection: close}: the connection is
 * closed once the client has sent its body or a few seconds have passed, whichever comes first, so
 * an oversize body costs the hub a bounded amount of reading and never a buffer, and a client never
 * reuses a connection whose next request would stall behind the rest of the last body.
 */
public final class BodyLimit implements PlatformHandler {
  private static final String CLOSE_KEY = "shiftproof.closeAfterAnswer";

  /** Longest time a connection answered early is kept open to drain the body the client sends. */
  private static final long LINGER_MILLIS = 3_000;

  private final long maxBodyBytes;

  public BodyLimit(long maxBodyBytes) {
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    ctx.addHeadersEndHandler(done -> markIfUnread(ctx));
    ctx.addEndHandler(
        done -> {
          if (Boolean.TRUE.equals(ctx.get(CLOSE_KEY))) {
            closeAfterDraining(ctx);
          }
        });
    String declared = request.getHeader("content-length");
    if (declared != null && exceeds(declared)) {
      ctx.fail(
          HttpErrorCode.BODY_TOO_LARGE.exception(
              "body: content-length is over the limit of "
                  + maxBodyBytes
                  + " bytes; split the batch into smaller ones"));
      return;
    }
    ctx.next();
  }

  private static boolean hasBody(HttpServerRequest request) {
    String length = request.getHeader("content-length");
    return request.getHeader("transfer-encoding") != null
        || (length != null && !length.trim().equals("0"));
  }

  private boolean exceeds(String declared) {
    // HTTP parsing already refused a content-length that is not a number; a huge one is huge.
    try {
      return Long.parseLong(declared.trim()) > maxBodyBytes;
    } catch (NumberFormatException e) {
      return true;
    }
  }

  /**
   * Closes the connection once the client has sent the rest of its body, or after {@link
   * #LINGER_MILLIS} at the latest, reading and dropping what arrives meanwhile. Closing at once
   * would leave unread bytes in the socket, and the reset that causes can destroy the answer before
   * the client reads it: the client would see a broken connection instead of the {@code 413}.
   */
  private static void closeAfterDraining(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    HttpConnection connection = request.connection();
    if (request.isEnded()) {
      connection.close();
      return;
    }
    long timer = ctx.vertx().setTimer(LINGER_MILLIS, fired -> connection.close());
    try {
      request.exceptionHandler(ignored -> {});
      request.handler(ignored -> {});
      request.endHandler(
          ended -> {
            ctx.vertx().cancelTimer(timer);
            connection.close();
          });
      request.resume();
    } catch (IllegalStateException ended) {
      // the body ended in the meantime: nothing left to drain
      ctx.vertx().cancelTimer(timer);
      connection.close();
    }
  }

  private static void markIfUnread(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    // HTTP/2 has no connection header and ends a stream on its own; only HTTP/1.x needs this. A
    // request without a body may not have seen its end yet, but leaves nothing unread.
    if (request.isEnded() || request.version() == HttpVersion.HTTP_2 || !hasBody(request)) {
      return;
    }
    ctx.response().putHeader("connection", "close");
    ctx.put(CLOSE_KEY, true);
  }
}
