package io.shiftproof.streamjobs.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.shiftproof.schemas.wire.RecordedEvent;
import io.shiftproof.schemas.wire.SealRequest;
import io.shiftproof.schemas.wire.WorkEvent;
import io.shiftproof.schemas.wire.WorkEventType;
import io.shiftproof.streamjobs.WorkInput;
import io.shiftproof.streamjobs.records.SealedDay;
import io.shiftproof.streamjobs.worktime.TimelineEvent;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class StateSerializersTest {

  private static final Instant OCCURRED = Instant.parse("2026-11-28T02:03:04.123456789Z");
  private static final Instant RECEIVED = Instant.parse("2026-11-28T02:03:06.5Z");

  @Test
  void recordedEventRoundTripsWithAndWithoutOptionalFields() throws IOException {
    RecordedEvent withAll =
        new RecordedEvent(
            "didi",
            "b-1",
            RECEIVED,
            new WorkEvent(
                "ev-1",
                "wr_A",
                "s1",
                WorkEventType.TASK_STARTED,
                Optional.of("ride-1"),
                OCCURRED,
                "2026-11-28T10:03:04.123456789+08:00",
                Optional.of("cell-9")));
    RecordedEvent withNone =
        new RecordedEvent(
            "eleme",
            "b-2",
            RECEIVED,
            new WorkEvent(
                "ev-2",
                "wr_A",
                "s2",
                WorkEventType.ONLINE,
                Optional.empty(),
                OCCURRED,
                "2026-11-28T02:03:04.123456789Z",
                Optional.empty()));

    assertThat(roundTrip(RecordedEventSerializer.INSTANCE, withAll)).isEqualTo(withAll);
    assertThat(roundTrip(RecordedEventSerializer.INSTANCE, withNone)).isEqualTo(withNone);
    WorkInput event = WorkInput.of(withAll);
    assertThat(roundTrip(WorkInputSerializer.INSTANCE, event)).isEqualTo(event);
  }

  @Test
  void sealRequestRoundTripsAsWorkInput() throws IOException {
    WorkInput seal =
        WorkInput.of(
            new SealRequest("wr_A", LocalDate.of(2026, 11, 29), "req-1", "insurer-1", RECEIVED));

    assertThat(roundTrip(WorkInputSerializer.INSTANCE, seal)).isEqualTo(seal);
  }

  @Test
  void timelineEventRoundTripsEveryField() throws IOException {
    for (WorkEventType type : WorkEventType.values()) {
      TimelineEvent event =
          new TimelineEvent("didi", "b-1", RECEIVED, "ev-1", "s1", type, "", OCCURRED);
      assertThat(roundTrip(TimelineEventSerializer.INSTANCE, event)).isEqualTo(event);
    }
  }

  @Test
  void workerDaysRoundTripWithAndWithoutAPendingUpdate() throws IOException {
    WorkerDays days = new WorkerDays();
    days.openDays().put(20_420L, LiveDay.QUIET);
    days.openDays().put(20_421L, LiveDay.NOT_EMITTED);
    days.openDays().put(20_422L, LiveDay.BOUNDED);
    days.sealedDays().put(20_419L, new SealedDay(2, new byte[] {1, 2, 3}, 1_764_300_000_000L));
    days.touchedDays().put(20_421L, 1_764_300_000_000L);

    WorkerDays restored = roundTrip(WorkerDaysSerializer.INSTANCE, days);
    assertSameDays(restored, days);
    assertThat(restored.pendingUpdate()).isEmpty();

    days.setPendingUpdate(1_764_300_005_000L);
    assertThat(roundTrip(WorkerDaysSerializer.INSTANCE, days).pendingUpdate())
        .hasValue(1_764_300_005_000L);
  }

  @Test
  void anOpenDayStoredAsABooleanReadsAsNotEmittedOrQuiet() throws IOException {
    // The format before LiveDay: whether each open day's live record had been emitted.
    DataOutputSerializer out = new DataOutputSerializer(64);
    out.writeBoolean(false);
    out.writeLong(0);
    out.writeInt(2);
    out.writeLong(20_420L);
    out.writeBoolean(true);
    out.writeLong(20_421L);
    out.writeBoolean(false);
    out.writeInt(0);
    out.writeInt(0);

    WorkerDays restored =
        WorkerDaysSerializer.INSTANCE.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));

    // Quiet is the reading under which no update waits for the interval: always safe.
    assertThat(restored.openDays())
        .containsExactly(
            java.util.Map.entry(20_420L, LiveDay.QUIET),
            java.util.Map.entry(20_421L, LiveDay.NOT_EMITTED));
  }

  @Test
  void copiedWorkerDaysChangeIndependently() {
    WorkerDays days = new WorkerDays();
    days.openDays().put(20_420L, LiveDay.NOT_EMITTED);
    days.setPendingUpdate(5_000L);

    WorkerDays copy = WorkerDaysSerializer.INSTANCE.copy(days);
    copy.openDays().put(20_421L, LiveDay.QUIET);
    copy.touchedDays().put(20_420L, 1L);
    copy.clearPendingUpdate();

    assertThat(days.openDays()).containsOnlyKeys(20_420L);
    assertThat(days.touchedDays()).isEmpty();
    assertThat(days.pendingUpdate()).hasValue(5_000L);
  }

  private static void assertSameDays(WorkerDays actual, WorkerDays expected) {
    assertThat(actual.openDays()).isEqualTo(expected.openDays());
    assertThat(actual.touchedDays()).isEqualTo(expected.touchedDays());
    assertThat(actual.sealedDays()).hasSameSizeAs(expected.sealedDays());
    expected
        .sealedDays()
        .forEach(
            (day, latest) -> {
              assertThat(actual.sealedDays().get(day).version()).isEqualTo(latest.version());
              assertThat(actual.sealedDays().get(day).contentDigest())
                  .isEqualTo(latest.contentDigest());
              assertThat(actual.sealedDays().get(day).coveredUntilMillis())
                  .isEqualTo(latest.coveredUntilMillis());
            });
  }

  private static <T> T roundTrip(TypeSerializer<T> serializer, T value) throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(64);
    serializer.serialize(value, out);
    DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
    T restored = serializer.deserialize(in);
    assertThat(in.available()).as("bytes left after reading").isZero();
    return restored;
  }
}
