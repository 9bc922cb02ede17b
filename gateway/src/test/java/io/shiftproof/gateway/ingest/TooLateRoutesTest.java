package io.shiftproof.gateway.ingest;

import static io.shiftproof.gateway.RouteAnswer.expect;
import static org.assertj.core.api.Assertions.assertThat;

import io.shiftproof.gateway.RouteTestServer;
import io.shiftproof.gateway.metrics.GatewayMetrics;
import io.shiftproof.schemas.wire.BatchDecoder;
import io.shiftproof.schemas.wire.DecodedBatch;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code POST /v1/events} with a job behind the gateway: an event past the correction horizon is
 * answered {@code TOO_LATE}, and still handed on to be kept.
 */
@ExtendWith(VertxExtension.class)
class TooLateRoutesTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-28T04:00:00Z"), ZoneOffset.UTC);
  private static final String WORKER = "wr_" + "A".repeat(43);

  /** The job's committed watermark the gateway reads; empty before the job commits anything. */
  private static final AtomicReference<Optional<Instant>> WATERMARK =
      new AtomicReference<>(Optional.empty());

  private static final AtomicReference<DecodedBatch> kept = new AtomicReference<>();
  private static RouteTestServer server;

  @BeforeAll
  static void start(Vertx vertx) {
    GatewayMetrics metrics = new GatewayMetrics();
    EventIngestor ingestor =
        (platform, batch, provenance, receivedAt) -> {
          kept.set(batch);
          return new IngestOutcome(batch.batchId(), batch.accepted().size(), 0, batch.rejections());
        };
    TooLateEvents tooLate =
        new TooLateEvents(
            new CorrectionHorizon(
                ZoneId.of("Asia/Shanghai"), Duration.ofMinutes(10), Duration.ofHours(72)),
            new JobWatermark(WATERMARK::get, Duration.ZERO));
    server =
        RouteTestServer.start(
                vertx,
                metrics,
                new IngestHandler(
                    new BatchDecoder(),
                    ingestor,
                    metrics,
                    CLOCK,
                    tooLate,
                    new BatchSignatureCheck(BatchSignatureCheck.Mode.REQUIRED, metrics)))
            .await();
  }

  private static final String BATCH =
      "{\"batchId\":\"b-late\",\"events\":["
          + event("e-old", "2026-11-24T12:00:00+08:00")
          + ","
          + event("e-recent", "2026-11-25T12:00:00+08:00")
          + ","
          + event("e-after-midnight", "2026-11-25T00:05:00+08:00")
          + ","
          + event("e-bad", "2026-11-25T12:00:00+08:00").replace(WORKER, "13800138000")
          + "]}";

  @Test
  void eventPastTheHorizonIsToldTooLateAndStillKept(VertxTestContext test) {
    WATERMARK.set(Optional.of(Instant.parse("2026-11-28T04:00:00Z")));
    server
        .postEvents("platform-1", BATCH)
        .onComplete(
            expect(
                test,
                answer -> {
                  assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
                  JsonObject body = answer.json();
                  assertThat(body.getInteger("accepted")).isEqualTo(3);
                  JsonArray rejected = body.getJsonArray("rejected");
                  assertThat(rejected.stream().map(r -> ((JsonObject) r).getInteger("index")))
                      .containsExactly(0, 2, 3);
                  assertThat(rejected.stream().map(r -> ((JsonObject) r).getString("code")))
                      .containsExactly("TOO_LATE", "TOO_LATE", "INVALID_WORKER_REF");
                  assertThat(rejected.getJsonObject(0).getString("message"))
                      .contains("2026-11-28T00:10:00+08:00")
                      .contains("stored for operators");
                  // Nothing is lost: the too-late events went on to be kept like the others.
                  assertThat(kept.get().acceptedEvents())
                      .extracting(e -> e.eventId())
                      .containsExactly("e-old", "e-recent", "e-after-midnight");
                }));
  }

  @Test
  void beforeTheJobCommitsNothingIsCalledTooLate(VertxTestContext test) {
    WATERMARK.set(Optional.empty());
    server
        .postEvents("platform-1", BATCH)
        .onComplete(
            expect(
                test,
                answer -> {
                  assertThat(answer.status()).isEqualTo(200);
                  JsonArray rejected = answer.json().getJsonArray("rejected");
                  assertThat(rejected).hasSize(1);
                  assertThat(rejected.getJsonObject(0).getString("code"))
                      .isEqualTo("INVALID_WORKER_REF");
                }));
  }

  @Test
  void batchOfOnlyTooLateEventsIsNotUnprocessable(VertxTestContext test) {
    WATERMARK.set(Optional.of(Instant.parse("2026-11-28T04:00:00Z")));
    server
        .postEvents(
            "platform-1",
            "{\"batchId\":\"b-all-late\",\"events\":["
                + event("e-old-1", "2026-11-20T12:00:00+08:00")
                + "]}")
        .onComplete(
            expect(
                test,
                answer -> {
                  // Kept, so not 422: resending cannot help, but nothing was refused either.
                  assertThat(answer.status()).isEqualTo(200);
                  assertThat(answer.json().getInteger("accepted")).isEqualTo(1);
                  assertThat(
                          answer.json().getJsonArray("rejected").getJsonObject(0).getString("code"))
                      .isEqualTo("TOO_LATE");
                }));
  }

  private static String event(String eventId, String occurredAt) {
    return """
        {"eventId":"%s","workerRef":"%s","sessionId":"s-1","type":"ONLINE",\
        "occurredAt":"%s"}"""
        .formatted(eventId, WORKER, occurredAt);
  }
}
