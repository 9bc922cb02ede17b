package io.shiftproof.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.shiftproof.schemas.wire.BatchDecoder;
import io.shiftproof.schemas.wire.BatchJsonWriter;
import io.shiftproof.schemas.wire.DecodedBatch;
import io.shiftproof.schemas.wire.IndexedEvent;
import io.shiftproof.schemas.wire.WorkEvent;
import io.shiftproof.schemas.wire.WorkEventType;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every generated event and batch obeys the wire rules of docs/design.md §4. */
class WireValidityTest {
  private static final Pattern WORKER_REF = Pattern.compile("wr_[A-Za-z0-9_-]{43}");
  private static final Pattern CELL = Pattern.compile("[0-9b-hjkmnp-z]{1,6}");
  private static final Pattern OCCURRED_AT =
      Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+08:00");
  private static final Pattern BATCH_ID =
      Pattern.compile("b-(platform-\\d)-\\d{4}-\\d\\d-\\d\\d-\\d{6}");

  private static GeneratedRun run;

  @BeforeAll
  static void generate() {
    run =
        GeneratedRun.of(
            SimulationConfig.builder()
                .seed(11)
                .workers(120)
                .days(2)
                .batchSize(200)
                .faults(
                    FaultProfile.none()
                        .withDuplicates(0.02)
                        .withLateEvents(0.01, Duration.ofMinutes(30))
                        .withMissingOfflines(0.1)
                        .withClockSkew(0.2, Duration.ofSeconds(90)))
                .build());
  }

  @Test
  void workerRefsAreWrPlus43Base64UrlCharsOf32Bytes() {
    Set<String> refs = new HashSet<>();
    run.sent.forEach(s -> refs.add(s.event().workerRef()));
    assertThat(refs).hasSize(120);
    for (String ref : refs) {
      assertThat(ref).matches(WORKER_REF);
      assertThat(Base64.getUrlDecoder().decode(ref.substring(3))).hasSize(32);
      // Re-encoding gives the same text: the last character is canonical.
      assertThat(
              Base64.getUrlEncoder()
                  .withoutPadding()
                  .encodeToString(Base64.getUrlDecoder().decode(ref.substring(3))))
          .isEqualTo(ref.substring(3));
    }
  }

  @Test
  void taskRefIsPresentExactlyOnTaskEvents() {
    for (GeneratedRun.Sent s : run.sent) {
      WorkEvent e = s.event();
      assertThat(e.taskRef().isPresent())
          .as("taskRef of %s", e.type())
          .isEqualTo(e.type().isTaskEvent());
      e.taskRef()
          .ifPresent(ref -> assertThat(ref).hasSizeBetween(1, 64).matches("[a-z]+-[0-9a-f]+"));
    }
  }

  @Test
  void idsCellsAndTimesAreWithinTheirLimits() {
    for (GeneratedRun.Sent s : run.sent) {
      WorkEvent e = s.event();
      assertThat(e.sessionId()).hasSizeBetween(1, 64);
      assertThat(e.eventId()).hasSizeBetween(1, 128).doesNotContain(" ");
      e.cell().ifPresent(cell -> assertThat(cell).matches(CELL));
      assertThat(e.occurredAtText()).matches(OCCURRED_AT);
      assertThat(OffsetDateTime.parse(e.occurredAtText()).toInstant()).isEqualTo(e.occurredAt());
    }
    assertThat(run.sent).anyMatch(s -> s.event().cell().isPresent());
    assertThat(run.sent).anyMatch(s -> s.event().cell().isEmpty());
  }

  @Test
  void eventIdsAreUniquePerPlatformExceptIdenticalResends() {
    Map<String, WorkEvent> byId = new HashMap<>();
    for (GeneratedRun.Sent s : run.sent) {
      WorkEvent earlier = byId.putIfAbsent(s.platform() + "/" + s.event().eventId(), s.event());
      if (earlier != null) {
        assertThat(s.event()).isEqualTo(earlier);
      }
    }
  }

  @Test
  void batchesAreAtMostBatchSizeAndNamedByPlatformAndDay() {
    Map<String, Set<String>> idsByPlatform = new HashMap<>();
    for (PlatformBatch batch : run.batches) {
      assertThat(batch.size()).isBetween(1, 200);
      var matcher = BATCH_ID.matcher(batch.batch().batchId());
      assertThat(matcher.matches()).as(batch.batch().batchId()).isTrue();
      assertThat(matcher.group(1)).isEqualTo(batch.platform());
      assertThat(idsByPlatform.computeIfAbsent(batch.platform(), p -> new HashSet<>()))
          .as("batch ids are unique per platform")
          .doesNotContain(batch.batch().batchId());
      idsByPlatform.get(batch.platform()).add(batch.batch().batchId());
    }
    assertThat(idsByPlatform.keySet())
        .containsExactlyInAnyOrder("platform-1", "platform-2", "platform-3");
    assertThat(run.batches).anyMatch(b -> b.size() == 200);
  }

  @Test
  void aPlatformOnlySendsItsOwnSessions() {
    Map<String, String> platformOfSession = new HashMap<>();
    for (GeneratedRun.Sent s : run.sent) {
      String owner = platformOfSession.putIfAbsent(s.event().sessionId(), s.platform());
      assertThat(owner == null || owner.equals(s.platform())).isTrue();
    }
  }

  @Test
  void theHubsOwnDecoderAcceptsEveryEventAsGenerated() {
    BatchDecoder decoder = new BatchDecoder();
    Instant afterTheRun = Instant.parse("2026-12-01T00:00:00Z");
    for (PlatformBatch batch : run.batches) {
      DecodedBatch decoded = decoder.decodeJson(BatchJsonWriter.toJson(batch.batch()), afterTheRun);
      assertThat(decoded.rejections()).as(batch.batch().batchId()).isEmpty();
      assertThat(decoded.batchId()).isEqualTo(batch.batch().batchId());
      for (IndexedEvent event : decoded.accepted()) {
        assertThat(event.event()).isEqualTo(batch.batch().events().get(event.index()));
      }
    }
  }

  @Test
  void everyEventTypeOccurs() {
    Set<WorkEventType> types = new HashSet<>();
    run.sent.forEach(s -> types.add(s.event().type()));
    assertThat(types).containsExactlyInAnyOrder(WorkEventType.values());
  }

  @Test
  void summaryCountsWhatWasSent() {
    SimulationSummary summary = run.summary;
    assertThat(summary.events()).isEqualTo(run.sent.size());
    assertThat(summary.batches()).isEqualTo(run.batches.size());
    assertThat(summary.eventsByType().values().stream().mapToLong(Long::longValue).sum())
        .isEqualTo(run.sent.size());
    for (String platform : summary.eventsByPlatform().keySet()) {
      assertThat(summary.eventsByPlatform().get(platform))
          .isEqualTo(run.sent.stream().filter(s -> s.platform().equals(platform)).count());
    }
    assertThat(summary.sessions()).isEqualTo(run.sessions.size());
    assertThat(summary.workers()).isEqualTo(120);
    assertThat(summary.describe()).contains("workers 120").contains("HEARTBEAT=");
  }
}
