package io.shiftproof.gateway.api;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.shiftproof.gateway.metrics.GatewayMetrics;
import io.shiftproof.schemas.wire.BatchRejectedException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that turns failures into HTTP answers: {@code {"error":{"code":..,"message":..}}}
 * with a status that says whose fault it was. Client mistakes get a 4xx; a 5xx is reserved for the
 * hub's own trouble, and then the client sees only a reference while the log has the detail.
 */
public final class ErrorResponder {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorResponder.class);
  private final GatewayMetrics metrics;

  public ErrorResponder(GatewayMetrics metrics) {
    this.metrics = metrics;
  }

  /** Route failure handler: maps {@code ctx.fail(...)} to an error response. */
  public void handleFailure(RoutingContext ctx) {
    ApiException error = toApiException(ctx.failure(), ctx.statusCode());
    if (ctx.request().path().equals("/v1/events")) {
      metrics.rejected(error.code());
    }
    send(ctx, error);
  }

  /**
   * Answers a request the HTTP layer could not parse (a broken request line, headers too long, a
   * bad content-length), which never reaches the router, with the same error body as every other
   * refusal; the connection is closed after it, since the rest of its bytes cannot be trusted.
   */
  public static void invalidRequest(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    ApiException error;
    if (cause instanceof TooLongHttpLineException) {
      error =
          HttpErrorCode.URI_TOO_LONG.exception("the request line is too long; shorten the path");
    } else if (cause instanceof TooLongHttpHeaderException) {
      error =
          HttpErrorCode.HEADERS_TOO_LARGE.exception(
              "the request headers are too large; send fewer");
    } else {
      error = HttpErrorCode.BAD_REQUEST.exception("the request is not well-formed HTTP/1.1");
    }
    request
        .response()
        .setStatusCode(error.status())
        .putHeader("content-type", "application/json")
        .putHeader("connection", "close")
        .end(errorBody(error).encode())
        .onComplete(done -> request.connection().close());
  }

  /** Sends an error response unless one was already sent. */
  public static void send(RoutingContext ctx, ApiException error) {
    if (ctx.response().ended() || ctx.response().closed()) {
      return;
    }
    JsonObject body = errorBody(error);
    var response = ctx.response().setStatusCode(error.status());
    response.putHeader("content-type", "application/json");
    if (error.status() == 503 && !response.headers().contains("retry-after")) {
      response.putHeader("retry-after", "1");
    }
    response.end(body.encode());
  }

  private static JsonObject errorBody(ApiException error) {
    return new JsonObject()
        .put(
            "error", new JsonObject().put("code", error.code()).put("message", error.getMessage()));
  }

  private static ApiException toApiException(Throwable failure, int status) {
    if (failure instanceof ApiException api) {
      return api;
    }
    if (failure instanceof BatchRejectedException rejected) {
      return new ApiException(400, rejected.code().name(), rejected.getMessage());
    }
    switch (status) {
      case 400:
        return HttpErrorCode.BAD_REQUEST.exception("the request is malformed");
      case 404:
        return HttpErrorCode.NOT_FOUND.exception("no such resource; see the API in the README");
      case 405:
        return HttpErrorCode.METHOD_NOT_ALLOWED.exception("this method is not allowed here");
      case 413:
        return HttpErrorCode.BODY_TOO_LARGE.exception(
            "request body too large; split the batch into smaller ones");
      case 503:
        return HttpErrorCode.TIMEOUT.exception("the hub took too long; resend the request");
      default:
        String reference = UUID.randomUUID().toString();
        LOG.error("internal error, reference {}", reference, failure);
        return HttpErrorCode.INTERNAL_ERROR.exception(
            "internal error; quote reference " + reference + " to the operator");
    }
  }
}
