package io.shiftproof.records;

import static org.assertj.core.api.Assertions.assertThat;

import io.shiftproof.schemas.avro.DayRecord;
import io.shiftproof.schemas.wire.DayRecordCodec;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecordReachTest {
  private static final String WORKER = "wr_" + "A".repeat(43);
  private static final DayRecord LIVE = DayRecords.worker(WORKER).liveUntil("10:00").build();

  @Test
  void aSealedVersionHoldsUpToItsCoveredUntil() {
    DayRecord interim = DayRecords.worker(WORKER).interim(1).coveredUntil("12:00").build();

    assertThat(RecordReach.ofSealed(interim)).isEqualTo(at("12:00"));
  }

  @Test
  void aQuietLiveRecordHoldsUpToTheCommittedWatermark() {
    assertThat(RecordReach.ofLive(LIVE, true, Optional.of(at("15:09")))).isEqualTo(at("15:09"));
  }

  @Test
  void aLiveRecordWithASessionOpenWhereItEndsHoldsOnlyUpToItsEnd() {
    assertThat(RecordReach.ofLive(LIVE, false, Optional.of(at("15:09")))).isEqualTo(at("10:00"));
  }

  @Test
  void aQuietLiveRecordNeverHoldsPastItsDayNorShrinksBelowItsEnd() {
    assertThat(RecordReach.ofLive(LIVE, true, Optional.of(at("24:00").plusSeconds(600))))
        .isEqualTo(at("24:00"));
    assertThat(RecordReach.ofLive(LIVE, true, Optional.of(at("09:00"))))
        .as("a watermark behind the record, as briefly after a restart")
        .isEqualTo(at("10:00"));
    assertThat(RecordReach.ofLive(LIVE, true, Optional.empty())).isEqualTo(at("10:00"));
  }

  private static Instant at(String localTime) {
    return DayRecordCodec.instantOfMicros(DayRecords.micros(localTime));
  }
}
