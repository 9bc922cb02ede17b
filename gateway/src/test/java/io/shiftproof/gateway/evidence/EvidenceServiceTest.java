package io.shiftproof.gateway.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.shiftproof.gateway.api.ApiException;
import io.shiftproof.ledger.Committed;
import io.shiftproof.ledger.Ledger;
import io.shiftproof.ledger.LedgerRef;
import io.shiftproof.ledger.contract.AccessLogEntry;
import io.shiftproof.ledger.contract.AccessRecord;
import io.shiftproof.ledger.contract.Anchor;
import io.shiftproof.ledger.evidence.EvidenceBundleBuilder;
import io.shiftproof.ledger.merkle.Hash;
import io.shiftproof.ledger.merkle.InclusionProof;
import io.shiftproof.ledger.merkle.TreeHasher;
import io.shiftproof.records.DayEvidence;
import io.shiftproof.records.DayRecords;
import io.shiftproof.records.EvidenceReader;
import io.shiftproof.records.RecordProof;
import io.shiftproof.schemas.avro.DayRecord;
import io.shiftproof.schemas.wire.DayRecordCodec;
import io.shiftproof.schemas.wire.ErrorCode;
import io.shiftproof.schemas.wire.MalformedRecordException;
import io.shiftproof.schemas.wire.SealRequest;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * Evidence built from the hub's own tables when those tables are not what was anchored, and seal
 * requests shared by concurrent evidence requests.
 */
class EvidenceServiceTest {
  private static final String WORKER = "wr_" + "A".repeat(43);
  private static final LocalDate DAY = LocalDate.parse(DayRecords.DAY);
  private static final Instant INCIDENT =
      OffsetDateTime.parse("2026-11-28T12:00:00+08:00").toInstant();
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-29T04:00:00Z"), ZoneOffset.UTC);

  /**
   * A ledger that keeps nothing: the access log accepts every request at a fixed time, and no
   * anchor has an attestation.
   */
  private static final Ledger LEDGER =
      (Ledger)
          Proxy.newProxyInstance(
              Ledger.class.getClassLoader(),
              new Class<?>[] {Ledger.class},
              (proxy, method, args) -> {
                if (method.getName().equals("logAccess")) {
                  return new Committed<>(
                      new AccessLogEntry((AccessRecord) args[0], "tx-access", CLOCK.instant()),
                      new LedgerRef(LedgerRef.FABRIC, "channel", "shiftproof", "tx-access", 2));
                }
                return method.getReturnType() == Optional.class ? Optional.empty() : null;
              });

  private final List<SealRequest> seals = new CopyOnWriteArrayList<>();

  private EvidenceService service(
      BiFunction<String, LocalDate, DayEvidence> days, Duration sealWait) {
    EvidenceReader reader =
        new EvidenceReader() {
          @Override
          public Optional<Instant> committedWatermark() {
            return Optional.of(CLOCK.instant());
          }

          @Override
          public DayEvidence day(String workerRef, LocalDate day) {
            return days.apply(workerRef, day);
          }
        };
    return new EvidenceService(
        reader,
        (worker, from, to) -> List.of(),
        new RecentSealRequests(seals::add, Duration.ofSeconds(10), CLOCK),
        sealWait,
        LEDGER,
        new EvidenceBundleBuilder((context, message) -> new byte[64], ""),
        DayRecords.ZONE,
        CLOCK);
  }

  private static EvidenceQuery query() {
    return new EvidenceQuery(WORKER, INCIDENT, "insurer-1", Optional.empty());
  }

  /**
   * The day's sealed version as the tables hold it, anchored as a tree of one leaf over {@code
   * anchoredBytes}: a Fabric ledger reference, so the anchor needs no attestation from the hub.
   */
  private static DayEvidence.Sealed sealed(byte[] storedBytes, byte[] anchoredBytes) {
    Hash leaf = TreeHasher.leafHash(anchoredBytes);
    Anchor anchor =
        new Anchor(
            "wt-job/ckpt-1",
            "wt-job",
            1,
            Optional.empty(),
            leaf.toHex(),
            1,
            DayRecords.micros("00:00"),
            DayRecords.micros("24:00"),
            "tx-1",
            Instant.parse("2026-11-29T00:10:00Z"));
    RecordProof proof =
        new RecordProof(
            leaf,
            new InclusionProof(0, 1, List.of()),
            anchor,
            new LedgerRef(LedgerRef.FABRIC, "channel", "shiftproof", "tx-1", 1));
    return new DayEvidence.Sealed(DAY, storedBytes, DayRecordCodec.decode(storedBytes), proof);
  }

  private static DayRecord record(int version) {
    return DayRecords.worker(WORKER).version(version).coveredPastDay(Duration.ofHours(1)).build();
  }

  @Test
  void recordNotMatchingItsAnchoredRootIsAConflictNotAnInternalError() {
    byte[] anchored = DayRecordCodec.encode(record(1));
    byte[] rewritten = DayRecordCodec.encode(record(2));
    EvidenceService service = service((worker, day) -> sealed(rewritten, anchored), Duration.ZERO);

    Throwable refused = catchThrowable(() -> service.bundle(query()));

    assertThat(refused).isInstanceOf(ApiException.class);
    ApiException api = (ApiException) refused;
    assertThat(api.status()).isEqualTo(409);
    assertThat(api.code()).isEqualTo("EVIDENCE_INCONSISTENT");
    assertThat(api.getMessage()).contains("audit").doesNotContain(WORKER);
  }

  @Test
  void storedRecordThatDoesNotDecodeIsAConflictNotAnInternalError() {
    EvidenceService service =
        service(
            (worker, day) -> {
              throw new MalformedRecordException(ErrorCode.MALFORMED_AVRO, "bad bytes", null);
            },
            Duration.ZERO);

    Throwable refused = catchThrowable(() -> service.bundle(query()));

    assertThat(refused).isInstanceOf(ApiException.class);
    assertThat(((ApiException) refused).code()).isEqualTo("EVIDENCE_INCONSISTENT");
  }

  @Test
  void untamperedRecordStillMakesABundle() {
    byte[] anchored = DayRecordCodec.encode(record(1));
    EvidenceService service = service((worker, day) -> sealed(anchored, anchored), Duration.ZERO);

    assertThat(new String(service.bundle(query()))).contains("\"workerRef\"");
  }

  @Test
  void concurrentRequestsForAnUnsealedDayShareOneSealRequest() throws Exception {
    EvidenceService service =
        service(
            (worker, day) -> new DayEvidence.NotSealed(day, Optional.empty()),
            Duration.ofMillis(600));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Throwable>> answers =
          List.of(
              pool.submit(() -> catchThrowable(() -> service.bundle(query()))),
              pool.submit(() -> catchThrowable(() -> service.bundle(query()))),
              pool.submit(() -> catchThrowable(() -> service.bundle(query()))));
      for (Future<Throwable> answer : answers) {
        // The same pending answer for every one of them.
        assertThat(answer.get()).hasFieldOrPropertyWithValue("code", "EVIDENCE_NOT_SEALED");
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(seals).extracting(SealRequest::day).containsExactly(DAY);
  }
}
