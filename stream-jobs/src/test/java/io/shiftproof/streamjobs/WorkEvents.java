package io.shiftproof.streamjobs;

import io.shiftproof.schemas.wire.RecordedEvent;
import io.shiftproof.schemas.wire.WorkEvent;
import io.shiftproof.schemas.wire.WorkEventType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;

/** Recorded events for the job's tests, at local times of one day in the hub's default zone. */
final class WorkEvents {

  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  static final LocalDate DAY = LocalDate.of(2026, 11, 28);

  private WorkEvents() {}

  static Instant at(String localTime) {
    return DAY.atTime(LocalTime.parse(localTime)).atZone(ZONE).toInstant();
  }

  static RecordedEvent event(
      String worker,
      String platform,
      String batchId,
      String eventId,
      String sessionId,
      WorkEventType type,
      String taskRef,
      Instant occurredAt) {
    return new RecordedEvent(
        platform,
        batchId,
        occurredAt.plusSeconds(2),
        new WorkEvent(
            eventId,
            worker,
            sessionId,
            type,
            Optional.ofNullable(taskRef),
            occurredAt,
            occurredAt.toString(),
            Optional.empty()));
  }
}
