package io.shiftproof.records;

import io.shiftproof.schemas.wire.WorkEvent;
import java.time.Instant;
import java.util.Optional;

/**
 * A {@link LateEvent} as read back from the store: an event the stream job stored instead of
 * applying, because every day it could change had left the correction horizon. {@code event} is the
 * decoded event as recorded on the work-events topic, empty when its stored bytes cannot be
 * decoded: the row is still shown, so an operator sees it.
 */
public record StoredLateEvent(
    String platform,
    String eventId,
    String workerRef,
    String batchId,
    Instant occurredAt,
    Instant receivedAt,
    String reason,
    Instant watermark,
    Instant storedAt,
    Optional<WorkEvent> event) {}
