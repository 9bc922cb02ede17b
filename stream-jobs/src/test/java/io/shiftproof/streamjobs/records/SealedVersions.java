package io.shiftproof.streamjobs.records;

import io.shiftproof.schemas.avro.DayRecord;
import io.shiftproof.schemas.avro.DayTotals;
import io.shiftproof.schemas.wire.DayRecordCodec;
import io.shiftproof.streamjobs.records.DayRecordUpdate.UpdateKind;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/** Sealed versions as the job emits them, for tests of what stores and anchors them. */
public final class SealedVersions {
  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  private SealedVersions() {}

  /**
   * Version 1 settles the day, later ones correct it; each version's totals differ, so two versions
   * never hash alike. The record covers its day and {@code coveredPastDay} after it.
   */
  public static DayRecordUpdate version(
      String worker, LocalDate day, int version, Duration coveredPastDay) {
    long coveredUntil =
        day.plusDays(1).atStartOfDay(ZONE).plus(coveredPastDay).toInstant().toEpochMilli();
    DayRecord record =
        DayRecord.newBuilder()
            .setWorkerRef(worker)
            .setDay(day.toString())
            .setZone(ZONE.getId())
            .setVersion(version)
            .setProvisional(false)
            .setCoveredUntilMicros(coveredUntil * 1_000)
            .setTotals(new DayTotals(60L * version, 0L, 0L, 0L, 60L * version, 0L))
            .setSegments(List.of())
            .setFlags(List.of())
            .setSourceBatches(List.of())
            .build();
    return new DayRecordUpdate(
        worker,
        day.toEpochDay(),
        version,
        version == 1 ? UpdateKind.SETTLED : UpdateKind.CORRECTION,
        coveredUntil,
        coveredUntil,
        DayRecordCodec.encode(record));
  }
}
