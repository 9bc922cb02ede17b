package io.shiftproof.gateway.query;

import static io.shiftproof.gateway.RouteAnswer.expect;
import static io.shiftproof.gateway.RouteAnswer.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import io.shiftproof.gateway.RouteTestServer;
import io.shiftproof.records.LateEventFilter;
import io.shiftproof.records.LateEventReader;
import io.shiftproof.records.RecordStoreException;
import io.shiftproof.records.StoredLateEvent;
import io.shiftproof.schemas.wire.WorkEvent;
import io.shiftproof.schemas.wire.WorkEventType;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code GET /v1/late-events} over late events held in memory, newest first. */
@ExtendWith(VertxExtension.class)
class LateEventRoutesTest {
  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  private static final String WORKER = "wr_" + "A".repeat(43);

  private static final FakeLateEventReader reader =
      new FakeLateEventReader(
          List.of(
              late("e-2", "2026-11-28T04:00:00Z", true),
              late("e-1", "2026-11-28T03:00:00Z", false)));
  private static RouteTestServer server;

  @BeforeAll
  static void start(Vertx vertx) {
    server =
        RouteTestServer.start(vertx, new LateEventQueryHandler(new LateEventLookup(reader), ZONE))
            .await();
  }

  @BeforeEach
  void readableAgain() {
    reader.reset();
  }

  @Test
  void adminReadsAPageOfLateEventsWithTheCursorOfTheNext(VertxTestContext test) {
    server
        .get("admin", "/v1/late-events?limit=1")
        .onComplete(
            expect(
                test,
                answer -> {
                  assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
                  JsonObject page = answer.json();
                  JsonArray events = page.getJsonArray("events");
                  assertThat(events).hasSize(1);
                  assertThat(events.getJsonObject(0).getMap())
                      .containsEntry("platform", "platform-1")
                      .containsEntry("eventId", "e-2")
                      .containsEntry("workerRef", WORKER)
                      .containsEntry("batchId", "b-7")
                      .containsEntry("type", "ONLINE")
                      .containsEntry("sessionId", "s-1")
                      .containsEntry("occurredAt", "2026-11-24T09:00:00+08:00")
                      .containsEntry("storedAt", "2026-11-28T12:00:00+08:00")
                      .containsEntry("reason", "TOO_LATE");
                  assertThat(page.getString("next")).isEqualTo("2026-11-28T12:00:00+08:00");
                }));
  }

  @Test
  void lastPageHasNoNextAndUndecodableEventsStillShow(VertxTestContext test) {
    server
        .get("admin", "/v1/late-events?before=2026-11-28T12:00:00%2B08:00")
        .onComplete(
            expect(
                test,
                answer -> {
                  assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
                  JsonObject page = answer.json();
                  JsonObject only = page.getJsonArray("events").getJsonObject(0);
                  assertThat(only.getString("eventId")).isEqualTo("e-1");
                  assertThat(only.containsKey("type")).isTrue();
                  assertThat(only.getValue("type")).isNull();
                  assertThat(page.containsKey("next")).isTrue();
                  assertThat(page.getValue("next")).isNull();
                }));
  }

  @Test
  void filtersReachTheReader(VertxTestContext test) {
    server
        .get("admin", "/v1/late-events?workerRef=" + WORKER + "&platform=platform-1")
        .onComplete(
            expect(
                test,
                answer -> {
                  assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
                  assertThat(reader.filter.get())
                      .isEqualTo(
                          new LateEventFilter(Optional.of(WORKER), Optional.of("platform-1")));
                }));
  }

  @Test
  void insurerMayNotReadLateEvents(VertxTestContext test) {
    server
        .get("insurer-1", "/v1/late-events")
        .onComplete(
            expectError(
                test,
                403,
                "FORBIDDEN_ROLE",
                answer -> {
                  assertThat(answer.errorMessage()).contains("admin");
                }));
  }

  @Test
  void limitOfZeroIsRefused(VertxTestContext test) {
    server
        .get("admin", "/v1/late-events?limit=0")
        .onComplete(
            expectError(
                test,
                400,
                "INVALID_LIMIT",
                answer -> {
                  assertThat(answer.errorMessage()).contains("1 to 1000");
                }));
  }

  @Test
  void malformedWorkerRefFilterIsRefused(VertxTestContext test) {
    server
        .get("admin", "/v1/late-events?workerRef=13800138000")
        .onComplete(expectError(test, 400, "INVALID_WORKER_REF"));
  }

  @Test
  void unreadableStoreIsUnavailable(VertxTestContext test) {
    reader.failure = new RecordStoreException("connection refused", null);
    server
        .get("admin", "/v1/late-events")
        .onComplete(
            expectError(
                test,
                503,
                "RECORDS_UNAVAILABLE",
                answer -> {
                  assertThat(answer.header("retry-after")).isEqualTo("1");
                }));
  }

  /** A late event of platform-1, decodable or not, that occurred four days before it was stored. */
  private static StoredLateEvent late(String eventId, String storedAt, boolean decodable) {
    Instant stored = Instant.parse(storedAt);
    Instant occurred = Instant.parse("2026-11-24T01:00:00Z");
    Optional<WorkEvent> event =
        decodable
            ? Optional.of(
                new WorkEvent(
                    eventId,
                    WORKER,
                    "s-1",
                    WorkEventType.ONLINE,
                    Optional.empty(),
                    occurred,
                    "2026-11-24T09:00:00+08:00",
                    Optional.empty()))
            : Optional.empty();
    return new StoredLateEvent(
        "platform-1",
        eventId,
        WORKER,
        "b-7",
        occurred,
        stored.minusSeconds(60),
        "TOO_LATE",
        stored.minusSeconds(30),
        stored,
        event);
  }

  /** Events newest first, each stored alone; {@link #failure}, when set, is what reads throw. */
  private static final class FakeLateEventReader implements LateEventReader {
    final AtomicReference<LateEventFilter> filter = new AtomicReference<>();
    volatile RuntimeException failure;
    private final List<StoredLateEvent> newestFirst;

    FakeLateEventReader(List<StoredLateEvent> newestFirst) {
      this.newestFirst = newestFirst;
    }

    @Override
    public List<StoredLateEvent> newestFirst(
        LateEventFilter filter, Optional<Instant> before, int count) {
      read(filter);
      return newestFirst.stream()
          .filter(e -> before.map(b -> e.storedAt().isBefore(b)).orElse(true))
          .limit(count)
          .toList();
    }

    @Override
    public List<StoredLateEvent> storedAt(LateEventFilter filter, Instant storedAt) {
      read(filter);
      return newestFirst.stream().filter(e -> e.storedAt().equals(storedAt)).toList();
    }

    void reset() {
      filter.set(null);
      failure = null;
    }

    private void read(LateEventFilter asked) {
      filter.set(asked);
      if (failure != null) {
        throw failure;
      }
    }
  }
}
