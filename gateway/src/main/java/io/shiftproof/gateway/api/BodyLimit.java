package io.shiftproof.gateway.api;

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
 * or a route that takes no body), the answer says {@code connection: close} and the connection is
 * closed after it: the unread rest of the body would otherwise be read and thrown away, and a
 * client reusing the connection could see its next request stall behind it.
 */
public final class BodyLimit implements PlatformHandler {
  private static final String CLOSE_KEY = "shiftproof.closeAfterAnswer";

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
            request.connection().close();
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

  private boolean exceeds(String declared) {
    // HTTP parsing already refused a content-length that is not a number; a huge one is huge.
    try {
      return Long.parseLong(declared.trim()) > maxBodyBytes;
    } catch (NumberFormatException e) {
      return true;
    }
  }

  private static void markIfUnread(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    // HTTP/2 has no connection header and ends a stream on its own; only HTTP/1.x needs this.
    if (request.isEnded() || request.version() == HttpVersion.HTTP_2) {
      return;
    }
    ctx.response().putHeader("connection", "close");
    ctx.put(CLOSE_KEY, true);
  }
}
