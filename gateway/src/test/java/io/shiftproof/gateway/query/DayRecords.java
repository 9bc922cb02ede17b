package io.shiftproof.gateway.query;

import io.shiftproof.schemas.avro.DayRecord;
import io.shiftproof.schemas.avro.DaySegment;
import io.shiftproof.schemas.avro.DayTotals;
import io.shiftproof.schemas.avro.SourceBatch;
import io.shiftproof.schemas.avro.WorkState;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Day records for tests, written the way the stream job writes them. */
public final class DayRecords {
  private DayRecords() {}

  public static DayRecord record(
      String workerRef,
      String day,
      String zone,
      int version,
      String coveredUntil,
      long engagedSeconds,
      List<DaySegment> segments) {
    return DayRecord.newBuilder()
        .setWorkerRef(workerRef)
        .setDay(day)
        .setZone(zone)
        .setVersion(version)
        .setProvisional(version == 0)
        .setCoveredUntilMicros(micros(coveredUntil))
        .setTotals(
            DayTotals.newBuilder()
                .setOnlineSeconds(engagedSeconds + 1_800)
                .setEngagedSeconds(engagedSeconds)
                .setOnTaskSeconds(engagedSeconds / 2)
                .setMultiAppSeconds(600)
                .setPlatformSumSeconds(engagedSeconds + 2_400)
                .setLongestStretchSeconds(engagedSeconds)
                .build())
        .setSegments(segments)
        .setFlags(List.of())
        .setSourceBatches(
            List.of(SourceBatch.newBuilder().setPlatform("platform-1").setBatchId("b-1").build()))
        .build();
  }

  public static DaySegment segment(
      String from, String to, WorkState state, List<String> online, List<String> engaged) {
    return DaySegment.newBuilder()
        .setFromMicros(micros(from))
        .setToMicros(micros(to))
        .setState(state)
        .setOnlinePlatforms(online)
        .setEngagedPlatforms(engaged)
        .build();
  }

  public static long micros(String rfc3339) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, OffsetDateTime.parse(rfc3339).toInstant());
  }
}
