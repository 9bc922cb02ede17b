package io.shiftproof.gateway.ingest;

import io.shiftproof.schemas.wire.DecodedBatch;
import io.shiftproof.schemas.wire.ErrorCode;
import io.shiftproof.schemas.wire.EventRejection;
import io.shiftproof.schemas.wire.IndexedEvent;
import io.shiftproof.schemas.wire.Rfc3339;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Tells a platform which of its events come too late to change any record: each is answered as
 * rejected with {@code TOO_LATE}, although it is still made durable and forwarded as every valid
 * event is, so the job stores it for operators and nothing sent is lost.
 */
public final class TooLateEvents {
  /** For a gateway without a job behind it: no event is ever called too late. */
  public static final TooLateEvents NONE = new TooLateEvents(null, JobWatermark.none());

  private final CorrectionHorizon horizon;
  private final JobWatermark watermark;

  public TooLateEvents(CorrectionHorizon horizon, JobWatermark watermark) {
    this.horizon = horizon;
    this.watermark = watermark;
  }

  /** The batch's valid events that are too late, as rejections. Blocking (reads the watermark). */
  public List<EventRejection> among(DecodedBatch batch) {
    if (horizon == null || batch.accepted().isEmpty()) {
      return List.of();
    }
    Optional<Instant> now = watermark.current();
    if (now.isEmpty()) {
      return List.of();
    }
    List<EventRejection> late = new ArrayList<>();
    for (IndexedEvent e : batch.accepted()) {
      Instant at = e.event().occurredAt();
      if (horizon.tooLate(at, now.get())) {
        late.add(
            new EventRejection(
                e.index(),
                ErrorCode.TOO_LATE,
                "occurredAt: got "
                    + Rfc3339.format(at, horizon.zone())
                    + ", but the days it could change took corrections only until "
                    + Rfc3339.format(horizon.closesAt(at), horizon.zone())
                    + " (correction horizon "
                    + horizon.horizon()
                    + "); the event is stored for operators and changes no record"));
      }
    }
    return late;
  }
}
