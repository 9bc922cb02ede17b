package io.shiftproof.gateway.ingest;

import io.shiftproof.gateway.api.ApiRouter;
import io.shiftproof.gateway.api.ApiRoutes;
import io.shiftproof.gateway.api.ClientIdentityHandler;
import io.shiftproof.gateway.api.HttpErrorCode;
import io.shiftproof.gateway.metrics.GatewayMetrics;
import io.shiftproof.ledger.identity.Role;
import io.shiftproof.schemas.wire.BatchDecoder;
import io.shiftproof.schemas.wire.BatchSignature;
import io.shiftproof.schemas.wire.DecodedBatch;
import io.shiftproof.schemas.wire.EventRejection;
import io.shiftproof.schemas.wire.ValueEcho;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/events}: decodes the batch (JSON or Avro), checks the platform's signature over
 * it, makes the valid events durable with the batch's provenance, and answers per batch with
 * accepted and duplicate counts and each rejected event's index, code and message.
 *
 * <p>Decoding, the signature check and the durable write run on a worker thread: checking and
 * decoding a large batch is CPU work and the write blocks on PostgreSQL and Kafka, neither of which
 * may hold an event loop.
 */
public final class IngestHandler implements ApiRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(IngestHandler.class);

  private final BatchDecoder decoder;
  private final EventIngestor ingestor;
  private final GatewayMetrics metrics;
  private final Clock clock;
  private final TooLateEvents tooLate;
  private final BatchSignatureCheck signatures;

  /**
   * @param tooLate tells which valid events come too late to change a record ({@link
   *     TooLateEvents#NONE} for a gateway without a job behind it)
   * @param signatures checks each batch's platform signature once its body has decoded
   */
  public IngestHandler(
      BatchDecoder decoder,
      EventIngestor ingestor,
      GatewayMetrics metrics,
      Clock clock,
      TooLateEvents tooLate,
      BatchSignatureCheck signatures) {
    this.decoder = decoder;
    this.ingestor = ingestor;
    this.metrics = metrics;
    this.clock = clock;
    this.tooLate = tooLate;
    this.signatures = signatures;
  }

  @Override
  public void mount(ApiRouter router) {
    router
        .route(HttpMethod.POST, "/v1/events", Role.PLATFORM)
        .handler(router.body())
        .handler(this::handle);
  }

  void handle(RoutingContext ctx) {
    BodyFormat format = BodyFormat.of(ctx.request().getHeader("content-type"));
    Buffer body = ctx.body().buffer();
    if (body == null || body.length() == 0) {
      throw HttpErrorCode.EMPTY_BODY.exception("body: got nothing, want a batch of events");
    }
    String platform = ClientIdentityHandler.identity(ctx).organisation();
    byte[] bytes = body.getBytes();
    String signature = ctx.request().getHeader(BatchSignature.HEADER);
    Instant now = clock.instant();
    ctx.vertx()
        .executeBlocking(
            () -> {
              // Decoded first: a body refused whole is refused for what is wrong with it, and the
              // decoder finds the events whose root the signature covers.
              DecodedBatch batch =
                  format == BodyFormat.JSON
                      ? decoder.decodeJson(bytes, now)
                      : decoder.decodeAvro(bytes, now);
              BatchProvenance provenance =
                  signatures.check(
                      platform,
                      ClientIdentityHandler.certificate(ctx),
                      bytes,
                      batch.spans(),
                      signature);
              IngestOutcome outcome = ingestor.ingest(platform, batch, provenance, now);
              return outcome.withTooLate(tooLate.among(batch));
            },
            false)
        .onSuccess(outcome -> respond(ctx, outcome))
        .onFailure(failure -> ctx.fail(clientFacing(failure)));
  }

  private static Throwable clientFacing(Throwable failure) {
    if (failure instanceof IngestUnavailableException unavailable) {
      LOG.warn("ingest unavailable: {}", unavailable.getMessage());
      return HttpErrorCode.INGEST_UNAVAILABLE.exception(
          "the hub cannot make events durable right now; nothing of this batch was"
              + " acknowledged, resend it");
    }
    return failure;
  }

  private void respond(RoutingContext ctx, IngestOutcome outcome) {
    metrics.accepted(outcome.accepted());
    metrics.duplicates(outcome.duplicates());
    JsonArray rejected = new JsonArray();
    for (EventRejection r : outcome.rejected()) {
      metrics.rejected(r.code().name());
      rejected.add(
          new JsonObject()
              .put("index", r.index())
              .put("code", r.code().name())
              .put("message", r.message()));
    }
    JsonObject body =
        new JsonObject()
            .put("batchId", outcome.batchId())
            .put("accepted", outcome.accepted())
            .put("duplicates", outcome.duplicates())
            .put("rejected", rejected);
    // Every event rejected: nothing was kept, and resending the same batch cannot help.
    int status = outcome.allRejected() ? 422 : 200;
    ctx.response()
        .setStatusCode(status)
        .putHeader("content-type", "application/json")
        .end(body.encode());
  }

  /** The two accepted body encodings. */
  enum BodyFormat {
    JSON,
    AVRO;

    static BodyFormat of(String contentType) {
      String mediaType =
          contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
      switch (mediaType) {
        case "application/json":
          return JSON;
        case "application/avro":
        case "avro/binary":
          return AVRO;
        default:
          throw HttpErrorCode.UNSUPPORTED_MEDIA_TYPE.exception(
              "content-type: got "
                  + ValueEcho.quote(mediaType)
                  + ", want application/json or application/avro");
      }
    }
  }
}
