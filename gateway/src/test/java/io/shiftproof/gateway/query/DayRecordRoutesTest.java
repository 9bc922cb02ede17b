package io.shiftproof.gateway.query;

import static io.shiftproof.gateway.RouteAnswer.expect;
import static io.shiftproof.records.DayRecords.on;
import static org.assertj.core.api.Assertions.assertThat;

import io.shiftproof.gateway.RouteTestServer;
import io.shiftproof.ledger.LedgerRef;
import io.shiftproof.ledger.contract.Anchor;
import io.shiftproof.ledger.merkle.Hash;
import io.shiftproof.ledger.merkle.InclusionProof;
import io.shiftproof.records.DayRecordReader;
import io.shiftproof.records.DayRecords;
import io.shiftproof.records.InMemoryDayRecordReader;
import io.shiftproof.records.RecordProof;
import io.shiftproof.records.RecordStoreException;
import io.shiftproof.records.StoredDayRecord;
import io.shiftproof.schemas.avro.WorkState;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code GET /v1/workers/:workerRef/days/:day} and {@code .../status} over day records held in
 * memory: a sealed, anchored version of 28 November and the live record of the 29th.
 */
@ExtendWith(VertxExtension.class)
class DayRecordRoutesTest {
  private static final String WORKER = "wr_" + "A".repeat(43);
  private static final String UNKNOWN_WORKER = "wr_" + "Q".repeat(43);
  private static final String ROOT =
      "d4735e3a265e16eee03f59718b9b5d03019c07d8b6c51f90da3a666eec13ab35";

  private static final FakeDayRecordReader reader = new FakeDayRecordReader();
  private static RouteTestServer server;

  @BeforeAll
  static void start(Vertx vertx) {
    reader
        .records
        .add(
            DayRecords.worker(WORKER)
                .totalsInMinutes(60, 60, 45, 0, 60, 60)
                .segment("08:00", "09:00", WorkState.ON_TASK, on("platform-1"), on("platform-1"))
                .build())
        .add(
            DayRecords.worker(WORKER)
                .day("2026-11-29")
                .liveUntil("10:00")
                .segment("08:00", "09:00", WorkState.AVAILABLE, on("platform-2"), on())
                .build());
    server =
        RouteTestServer.start(
                vertx, new DayRecordQueryHandler(new DayRecordLookup(reader, DayRecords.ZONE)))
            .await();
  }

  @BeforeEach
  void readableAgain() {
    reader.reset();
  }

  @Test
  void sealedDayIsAnsweredWithItsVersionTotalsAndProof(VertxTestContext test) {
    server
        .get("insurer-1", "/v1/workers/" + WORKER + "/days/2026-11-28")
        .onComplete(
            expect(
                test,
                answer -> {
                  assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
                  assertThat(answer.header("content-type")).isEqualTo("application/json");
                  JsonObject day = answer.json();
                  assertThat(day.getString("workerRef")).isEqualTo(WORKER);
                  assertThat(day.getString("day")).isEqualTo("2026-11-28");
                  assertThat(day.getInteger("version")).isEqualTo(1);
                  assertThat(day.getBoolean("provisional")).isFalse();
                  assertThat(day.getInteger("latestVersion")).isEqualTo(1);
                  assertThat(day.getJsonObject("totals").getLong("onTaskSeconds"))
                      .isEqualTo(45 * 60);
                  assertThat(day.getJsonArray("segments").getJsonObject(0).getString("from"))
                      .isEqualTo("2026-11-28T08:00:00+08:00");
                  assertThat(day.getJsonObject("sealed").getString("reason")).isEqualTo("SETTLED");
                  JsonObject proof = day.getJsonObject("proof");
                  assertThat(proof.getString("root")).isEqualTo(ROOT);
                  assertThat(proof.getInteger("treeSize")).isEqualTo(5);
                  assertThat(proof.getJsonObject("anchor").getString("batchId"))
                      .isEqualTo("wt-job/ckpt-42");
                }));
  }

  @Test
  void liveDayHasNoSealAndNoProof(VertxTestContext test) {
    server
        .get("admin", "/v1/workers/" + WORKER + "/days/2026-11-29")
        .onComplete(
            expect(
                test,
                answer -> {
                  assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
                  JsonObject day = answer.json();
                  assertThat(day.getInteger("version")).isZero();
                  assertThat(day.getBoolean("provisional")).isTrue();
                  assertThat(day.containsKey("sealed")).isTrue();
                  assertThat(day.getValue("sealed")).isNull();
                  assertThat(day.getValue("proof")).isNull();
                }));
  }

  @Test
  void unknownWorkerIsNotFound(VertxTestContext test) {
    server
        .get("insurer-1", "/v1/workers/" + UNKNOWN_WORKER + "/days/2026-11-28")
        .onComplete(
            expect(
                test,
                answer -> {
                  assertThat(answer.status()).isEqualTo(404);
                  assertThat(answer.errorCode()).isEqualTo("WORKER_NOT_FOUND");
                }));
  }

  @Test
  void dayWithoutRecordIsNotFound(VertxTestContext test) {
    server
        .get("insurer-1", "/v1/workers/" + WORKER + "/days/2026-11-27")
        .onComplete(
            expect(
                test,
                answer -> {
                  assertThat(answer.status()).isEqualTo(404);
                  assertThat(answer.errorCode()).isEqualTo("DAY_NOT_FOUND");
                }));
  }

  @Test
  void versionNotYetSealedIsNotFound(VertxTestContext test) {
    server
        .get("insurer-1", "/v1/workers/" + WORKER + "/days/2026-11-28?version=2")
        .onComplete(
            expect(
                test,
                answer -> {
                  assertThat(answer.status()).isEqualTo(404);
                  assertThat(answer.errorCode()).isEqualTo("VERSION_NOT_FOUND");
                  assertThat(answer.errorMessage()).contains("latest version is 1");
                }));
  }

  @Test
  void malformedWorkerRefIsRefusedBeforeAnyRead(VertxTestContext test) {
    server
        .get("insurer-1", "/v1/workers/13800138000/days/2026-11-28")
        .onComplete(
            expect(
                test,
                answer -> {
                  assertThat(answer.status()).isEqualTo(400);
                  assertThat(answer.errorCode()).isEqualTo("INVALID_WORKER_REF");
                  assertThat(answer.errorMessage()).contains("\"13800138000\"");
                  assertThat(reader.reads.get()).isZero();
                }));
  }

  @Test
  void impossibleDateIsRefused(VertxTestContext test) {
    server
        .get("insurer-1", "/v1/workers/" + WORKER + "/days/2026-02-30")
        .onComplete(
            expect(
                test,
                answer -> {
                  assertThat(answer.status()).isEqualTo(400);
                  assertThat(answer.errorCode()).isEqualTo("INVALID_DATE");
                }));
  }

  @Test
  void versionThatIsNotAPositiveNumberIsRefused(VertxTestContext test) {
    server
        .get("insurer-1", "/v1/workers/" + WORKER + "/days/2026-11-28?version=0")
        .onComplete(
            expect(
                test,
                answer -> {
                  assertThat(answer.status()).isEqualTo(400);
                  assertThat(answer.errorCode()).isEqualTo("INVALID_VERSION");
                }));
  }

  @Test
  void platformMayNotReadDayRecords(VertxTestContext test) {
    server
        .get("platform-1", "/v1/workers/" + WORKER + "/days/2026-11-28")
        .onComplete(
            expect(
                test,
                answer -> {
                  assertThat(answer.status()).isEqualTo(403);
                  assertThat(answer.errorCode()).isEqualTo("FORBIDDEN_ROLE");
                  assertThat(reader.reads.get()).isZero();
                }));
  }

  @Test
  void regulatorMayNotReadAWorkersStatus(VertxTestContext test) {
    server
        .get("regulator", "/v1/workers/" + WORKER + "/status?at=2026-11-28T08:30:00%2B08:00")
        .onComplete(
            expect(
                test,
                answer -> {
                  assertThat(answer.status()).isEqualTo(403);
                  assertThat(answer.errorCode()).isEqualTo("FORBIDDEN_ROLE");
                }));
  }

  @Test
  void statusAtAnInstantComesFromTheRecordOfItsDay(VertxTestContext test) {
    server
        .get("insurer-1", "/v1/workers/" + WORKER + "/status?at=2026-11-28T08:30:00%2B08:00")
        .onComplete(
            expect(
                test,
                answer -> {
                  assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
                  JsonObject status = answer.json();
                  assertThat(status.getString("workerRef")).isEqualTo(WORKER);
                  assertThat(status.getString("at")).isEqualTo("2026-11-28T08:30:00+08:00");
                  assertThat(status.getString("state")).isEqualTo("ON_TASK");
                  assertThat(status.getJsonArray("onlinePlatforms")).containsExactly("platform-1");
                  assertThat(status.getJsonArray("engagedPlatforms")).containsExactly("platform-1");
                  assertThat(status.getInteger("recordVersion")).isEqualTo(1);
                  assertThat(status.getBoolean("provisional")).isFalse();
                  assertThat(status.getJsonObject("proof").getString("root")).isEqualTo(ROOT);
                }));
  }

  @Test
  void statusPastWhatIsProcessedIsNotYetKnown(VertxTestContext test) {
    server
        .get("insurer-1", "/v1/workers/" + WORKER + "/status?at=2026-11-29T11:00:00%2B08:00")
        .onComplete(
            expect(
                test,
                answer -> {
                  assertThat(answer.status()).isEqualTo(409);
                  assertThat(answer.errorCode()).isEqualTo("STATUS_NOT_YET_KNOWN");
                  assertThat(answer.errorMessage()).contains("2026-11-29T10:00:00+08:00");
                }));
  }

  @Test
  void instantWithItsPlusDecodedToASpaceIsRefusedWithAHint(VertxTestContext test) {
    server
        .get("insurer-1", "/v1/workers/" + WORKER + "/status?at=2026-11-28T08:30:00+08:00")
        .onComplete(
            expect(
                test,
                answer -> {
                  assertThat(answer.status()).isEqualTo(400);
                  assertThat(answer.errorCode()).isEqualTo("INVALID_INSTANT");
                  assertThat(answer.errorMessage()).contains("%2B");
                }));
  }

  @Test
  void unreadableStoreIsUnavailableNotAnError(VertxTestContext test) {
    reader.failure = new RecordStoreException("connection refused: db-primary.internal", null);
    server
        .get("insurer-1", "/v1/workers/" + WORKER + "/days/2026-11-28")
        .onComplete(
            expect(
                test,
                answer -> {
                  assertThat(answer.status()).isEqualTo(503);
                  assertThat(answer.errorCode()).isEqualTo("RECORDS_UNAVAILABLE");
                  assertThat(answer.errorMessage()).doesNotContain("db-primary");
                  assertThat(answer.header("retry-after")).isEqualTo("1");
                }));
  }

  @Test
  void unreadableStoreMakesStatusUnavailableToo(VertxTestContext test) {
    reader.failure = new RecordStoreException("connection refused", null);
    server
        .get("admin", "/v1/workers/" + WORKER + "/status?at=2026-11-28T08:30:00%2B08:00")
        .onComplete(
            expect(
                test,
                answer -> {
                  assertThat(answer.status()).isEqualTo(503);
                  assertThat(answer.errorCode()).isEqualTo("RECORDS_UNAVAILABLE");
                }));
  }

  /**
   * The records of an {@link InMemoryDayRecordReader}, each sealed version anchored with one proof;
   * {@link #failure}, when set, is what every read throws.
   */
  private static final class FakeDayRecordReader implements DayRecordReader {
    private static final RecordProof PROOF =
        new RecordProof(
            Hash.fromHex("4e07408562bedb8b60ce05c1decfe3ad16b72230967de01f640b7e4729b49fce"),
            new InclusionProof(
                3,
                5,
                List.of(
                    Hash.fromHex(
                        "4b227777d4dd1fc61c6f884f48641d02b4d121d3fd328cb08b5531fcacdabf8a"))),
            new Anchor(
                "wt-job/ckpt-42",
                "wt-job",
                42,
                Optional.of("wt-job/ckpt-41"),
                ROOT,
                5,
                DayRecords.micros("00:00"),
                DayRecords.micros("24:00"),
                "tx-0042",
                Instant.parse("2026-11-29T00:10:00Z")),
            new LedgerRef(LedgerRef.EMBEDDED, "embedded", "shiftproof", "tx-0042", 42));

    final InMemoryDayRecordReader records = new InMemoryDayRecordReader();
    volatile RuntimeException failure;
    final AtomicInteger reads = new AtomicInteger();

    @Override
    public Optional<StoredDayRecord> latest(String workerRef, LocalDate day) {
      read();
      return records.latest(workerRef, day).map(FakeDayRecordReader::anchored);
    }

    @Override
    public Optional<StoredDayRecord> sealed(String workerRef, LocalDate day, int version) {
      read();
      return records.sealed(workerRef, day, version).map(FakeDayRecordReader::anchored);
    }

    @Override
    public boolean knowsWorker(String workerRef) {
      read();
      return records.knowsWorker(workerRef);
    }

    void reset() {
      failure = null;
      reads.set(0);
    }

    private void read() {
      reads.incrementAndGet();
      if (failure != null) {
        throw failure;
      }
    }

    private static StoredDayRecord anchored(StoredDayRecord stored) {
      if (stored.seal().isEmpty()) {
        return stored;
      }
      return new StoredDayRecord(
          stored.record(),
          stored.seal(),
          Optional.of(PROOF),
          stored.latestVersion(),
          stored.knownUntil());
    }
  }
}
